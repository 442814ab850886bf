-- Experimentations (ADR 0022): the dossier as the team wrote it (JSON), the workflow's dates and decisions as columns,
-- the perimeter's départements (the département limit and the stats filter on them), the history of the workflow,
-- the reviews (created at approval from the protocol) and the copy of the projects (from the Projects events).
CREATE TABLE experimentation (
    id                         TEXT NOT NULL PRIMARY KEY,
    project_id                 TEXT NOT NULL,
    academie                   TEXT NOT NULL,
    status                     TEXT NOT NULL,
    dossier                    TEXT NOT NULL,
    school_year                TEXT NULL,
    version                    INTEGER NOT NULL,
    created_at                 TEXT NOT NULL,
    created_by                 TEXT NOT NULL,
    updated_at                 TEXT NOT NULL,
    submitted_at               TEXT NULL,
    decision                   TEXT NULL,
    decided_at                 TEXT NULL,
    decided_by                 TEXT NULL,
    decision_reason            TEXT NULL,
    approved_at                TEXT NULL,
    adopting_body              TEXT NULL,
    adoption_vote_on           TEXT NULL,
    adopted_at                 TEXT NULL,
    school_project_on          TEXT NULL,
    started_on                 TEXT NULL,
    closed_at                  TEXT NULL,
    objectives_informed_on     TEXT NULL,
    objectives_informed_means  TEXT NULL,
    results_informed_on        TEXT NULL,
    results_informed_means     TEXT NULL,
    renewal_years              INTEGER NULL,
    renewed_at                 TEXT NULL,
    renewal_reason             TEXT NULL
);

CREATE INDEX ix_experimentation_academie ON experimentation (academie, id);
CREATE INDEX ix_experimentation_project ON experimentation (project_id);

CREATE TABLE experimentation_departement (
    experimentation_id  TEXT NOT NULL REFERENCES experimentation (id),
    departement         TEXT NOT NULL,
    PRIMARY KEY (experimentation_id, departement)
);

CREATE INDEX ix_experimentation_departement ON experimentation_departement (departement, experimentation_id);

CREATE TABLE experimentation_transition (
    experimentation_id  TEXT NOT NULL REFERENCES experimentation (id),
    sequence            INTEGER NOT NULL,
    action              TEXT NOT NULL,
    from_status         TEXT NULL,
    to_status           TEXT NOT NULL,
    occurred_at         TEXT NOT NULL,
    actor               TEXT NOT NULL,
    reason              TEXT NULL,
    details             TEXT NULL,
    PRIMARY KEY (experimentation_id, sequence)
);

CREATE TABLE review (
    id                    TEXT NOT NULL PRIMARY KEY,
    experimentation_id    TEXT NOT NULL REFERENCES experimentation (id),
    kind                  TEXT NOT NULL,
    due_on                TEXT NOT NULL,
    submitted_at          TEXT NULL,
    submitted_by          TEXT NULL,
    text                  TEXT NULL,
    attachments           TEXT NULL,
    indicator_values      TEXT NULL,
    overdue_announced_at  TEXT NULL
);

CREATE INDEX ix_review_experimentation ON review (experimentation_id, due_on);
CREATE INDEX ix_review_pending ON review (due_on) WHERE submitted_at IS NULL;

CREATE TABLE project (
    id            TEXT NOT NULL PRIMARY KEY,
    academie      TEXT NOT NULL,
    status        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    schools       TEXT NOT NULL,
    departements  TEXT NOT NULL
);
