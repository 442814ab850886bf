-- Innovative projects: the project itself (with its canvas), its schools, themes, tags, team,
-- the history of its lifecycle transitions, and its funding lines.
CREATE TABLE project (
    id                     TEXT NOT NULL PRIMARY KEY,
    academie               TEXT NOT NULL,
    title                  TEXT NOT NULL,
    summary                TEXT NOT NULL,
    status                 TEXT NOT NULL,
    external_reference     TEXT NULL,
    levels                 TEXT NOT NULL,
    pupils_concerned       INTEGER NULL,
    planned_start          TEXT NULL,
    planned_end            TEXT NULL,
    is_public              INTEGER NOT NULL,
    needs                  TEXT NULL,
    objectives             TEXT NULL,
    actors                 TEXT NULL,
    resources              TEXT NULL,
    key_steps              TEXT NULL,
    evaluation_indicators  TEXT NULL,
    has_experimentation    INTEGER NOT NULL DEFAULT 0,
    version                INTEGER NOT NULL,
    created_by             TEXT NOT NULL,
    created_at             TEXT NOT NULL,
    updated_by             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_project_external_reference ON project (academie, external_reference) WHERE external_reference IS NOT NULL;
CREATE INDEX ix_project_academie ON project (academie, id);
CREATE INDEX ix_project_status ON project (status, academie);

CREATE TABLE project_school (
    project_id  TEXT NOT NULL REFERENCES project (id),
    uai         TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (project_id, uai)
);

CREATE INDEX ix_project_school_uai ON project_school (uai, project_id);

CREATE TABLE project_theme (
    project_id  TEXT NOT NULL REFERENCES project (id),
    theme       TEXT NOT NULL,
    PRIMARY KEY (project_id, theme)
);

CREATE INDEX ix_project_theme_theme ON project_theme (theme, project_id);

CREATE TABLE project_tag (
    project_id  TEXT NOT NULL REFERENCES project (id),
    tag         TEXT NOT NULL,
    PRIMARY KEY (project_id, tag)
);

-- Names and e-mails live only here; email_key (SHA-256 of the address) finds them on PersonErased.
CREATE TABLE project_member (
    project_id  TEXT NOT NULL REFERENCES project (id),
    position    INTEGER NOT NULL,
    role        TEXT NOT NULL,
    name        TEXT NULL,
    email       TEXT NULL,
    email_key   TEXT NULL,
    erased_at   TEXT NULL,
    PRIMARY KEY (project_id, position)
);

CREATE INDEX ix_project_member_email_key ON project_member (email_key);

CREATE TABLE project_transition (
    project_id   TEXT NOT NULL REFERENCES project (id),
    sequence     INTEGER NOT NULL,
    action       TEXT NOT NULL,
    from_status  TEXT NULL,
    to_status    TEXT NOT NULL,
    reason       TEXT NULL,
    actor        TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    PRIMARY KEY (project_id, sequence)
);

CREATE INDEX ix_project_transition_status ON project_transition (to_status, occurred_at);

CREATE TABLE project_funding (
    id                TEXT NOT NULL PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES project (id),
    scheme            TEXT NOT NULL,
    year              INTEGER NOT NULL,
    amount_requested  TEXT NOT NULL,
    amount_granted    TEXT NULL,
    is_top_up         INTEGER NOT NULL,
    note              TEXT NULL,
    created_at        TEXT NOT NULL
);

CREATE INDEX ix_project_funding_project ON project_funding (project_id);
CREATE INDEX ix_project_funding_scheme ON project_funding (scheme, year, project_id);
