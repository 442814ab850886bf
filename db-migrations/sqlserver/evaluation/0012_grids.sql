-- Self-positioning grids (ADR 0025): co-constructed criteria, each with ordered levels and their descriptors (one JSON array,
-- read and written with the grid), and the positionings of a person or a team at a date (one level per criterion).
CREATE TABLE evaluation.grid (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_grid PRIMARY KEY,
    academie     NVARCHAR(10) NOT NULL,
    title        NVARCHAR(200) NOT NULL,
    description  NVARCHAR(4000) NULL,
    criteria     NVARCHAR(MAX) NOT NULL,
    version      INT NOT NULL,
    created_at   DATETIMEOFFSET NOT NULL,
    updated_at   DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_grid_academie ON evaluation.grid (academie, id);

CREATE TABLE evaluation.grid_positioning (
    id              UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_grid_positioning PRIMARY KEY,
    grid_id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_grid_positioning_grid REFERENCES evaluation.grid (id),
    person_id       UNIQUEIDENTIFIER NULL,
    person_name     NVARCHAR(200) NULL,
    team            NVARCHAR(200) NULL,
    positioned_on   DATE NOT NULL,
    levels          NVARCHAR(MAX) NOT NULL,
    subject_erased  BIT NOT NULL,
    created_at      DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_grid_positioning_grid ON evaluation.grid_positioning (grid_id, positioned_on, id);
CREATE INDEX ix_grid_positioning_person ON evaluation.grid_positioning (person_id) WHERE person_id IS NOT NULL;
