-- The territorial frame and the school directory.
CREATE TABLE academie (
    code  TEXT NOT NULL PRIMARY KEY,
    name  TEXT NOT NULL
);

CREATE TABLE departement (
    code      TEXT NOT NULL PRIMARY KEY,
    name      TEXT NOT NULL,
    academie  TEXT NOT NULL REFERENCES academie (code)
);

CREATE TABLE school (
    uai                 TEXT NOT NULL PRIMARY KEY,
    name                TEXT NOT NULL,
    type                TEXT NOT NULL,
    sector              TEXT NOT NULL,
    address             TEXT NULL,
    postcode            TEXT NULL,
    commune             TEXT NULL,
    departement         TEXT NOT NULL REFERENCES departement (code),
    academie            TEXT NOT NULL REFERENCES academie (code),
    circonscription     TEXT NULL,
    priority_education  TEXT NOT NULL,
    latitude            REAL NULL,
    longitude           REAL NULL,
    status              TEXT NOT NULL,
    search_text         TEXT NOT NULL,
    version             INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE INDEX ix_school_academie ON school (academie, uai);
CREATE INDEX ix_school_departement ON school (departement, uai);
