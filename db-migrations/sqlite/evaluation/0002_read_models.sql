-- Evaluation's read models (ADR 0024): projects from the Projects lifecycle events (académie, status, schools,
-- départements, themes) and networks from the Networks events (département, member schools with their periods),
-- so the dashboard rolls indicators up by project, network, theme, département and académie without reading
-- another module's tables.
CREATE TABLE project (
    id        TEXT NOT NULL PRIMARY KEY,
    academie  TEXT NOT NULL,
    status    TEXT NOT NULL,
    version   INTEGER NOT NULL
);

CREATE TABLE project_school (
    project_id  TEXT NOT NULL REFERENCES project (id),
    uai         TEXT NOT NULL,
    PRIMARY KEY (project_id, uai)
);

CREATE TABLE project_departement (
    project_id   TEXT NOT NULL REFERENCES project (id),
    departement  TEXT NOT NULL,
    PRIMARY KEY (project_id, departement)
);

CREATE TABLE project_theme (
    project_id  TEXT NOT NULL REFERENCES project (id),
    theme       TEXT NOT NULL,
    PRIMARY KEY (project_id, theme)
);

CREATE TABLE network (
    id                  TEXT NOT NULL PRIMARY KEY,
    academie            TEXT NOT NULL,
    kind                TEXT NULL,
    departement         TEXT NULL,
    version             INTEGER NOT NULL,
    membership_version  INTEGER NOT NULL
);

CREATE TABLE network_school (
    network_id  TEXT NOT NULL REFERENCES network (id),
    uai         TEXT NOT NULL,
    valid_from  TEXT NULL,
    valid_to    TEXT NULL
);

CREATE INDEX ix_network_school_network ON network_school (network_id, uai);
