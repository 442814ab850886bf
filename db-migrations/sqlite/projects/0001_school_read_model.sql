-- Projects' own copy of the school directory, fed by SchoolRegistered/SchoolUpdated/SchoolClosed.
CREATE TABLE school (
    uai                 TEXT NOT NULL PRIMARY KEY,
    name                TEXT NOT NULL,
    type                TEXT NOT NULL,
    departement         TEXT NOT NULL,
    academie            TEXT NOT NULL,
    priority_education  TEXT NOT NULL,
    latitude            REAL NULL,
    longitude           REAL NULL,
    status              TEXT NOT NULL,
    version             INTEGER NOT NULL
);
