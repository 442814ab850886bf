-- Self-positioning grids (ADR 0025): co-constructed criteria, each with ordered levels and their descriptors (one JSON array,
-- read and written with the grid), and the positionings of a person or a team at a date (one level per criterion).
CREATE TABLE grid (
    id           TEXT NOT NULL PRIMARY KEY,
    academie     TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NULL,
    criteria     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE INDEX ix_grid_academie ON grid (academie, id);

CREATE TABLE grid_positioning (
    id              TEXT NOT NULL PRIMARY KEY,
    grid_id         TEXT NOT NULL REFERENCES grid (id),
    person_id       TEXT NULL,
    person_name     TEXT NULL,
    team            TEXT NULL,
    positioned_on   TEXT NOT NULL,
    levels          TEXT NOT NULL,
    subject_erased  INTEGER NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE INDEX ix_grid_positioning_grid ON grid_positioning (grid_id, positioned_on, id);
CREATE INDEX ix_grid_positioning_person ON grid_positioning (person_id) WHERE person_id IS NOT NULL;
