-- What hangs off a project besides its canvas: the plan (phases, milestones and the dependencies
-- between them, keyed by the client's own keys), the logbook (append-only), partners and resources.
-- Funding lines live in project_funding (0002).
CREATE TABLE project_plan_phase (
    project_id   TEXT NOT NULL REFERENCES project (id),
    item_key     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    responsible  TEXT NULL,
    state        TEXT NOT NULL,
    PRIMARY KEY (project_id, item_key)
);

CREATE TABLE project_plan_milestone (
    project_id   TEXT NOT NULL REFERENCES project (id),
    item_key     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    phase_key    TEXT NULL,
    title        TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    responsible  TEXT NULL,
    state        TEXT NOT NULL,
    PRIMARY KEY (project_id, item_key)
);

-- item_key depends on depends_on (both keys of a phase or a milestone of the same plan).
CREATE TABLE project_plan_dependency (
    project_id  TEXT NOT NULL REFERENCES project (id),
    item_key    TEXT NOT NULL,
    depends_on  TEXT NOT NULL,
    PRIMARY KEY (project_id, item_key, depends_on)
);

CREATE TABLE project_logbook_entry (
    id          TEXT NOT NULL PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES project (id),
    sequence    INTEGER NOT NULL,
    entry_type  TEXT NOT NULL,
    entry_date  TEXT NOT NULL,
    entry_text  TEXT NOT NULL,
    corrects    TEXT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_project_logbook_sequence ON project_logbook_entry (project_id, sequence);

CREATE TABLE project_partner (
    id                        TEXT NOT NULL PRIMARY KEY,
    project_id                TEXT NOT NULL REFERENCES project (id),
    kind                      TEXT NOT NULL,
    name                      TEXT NOT NULL,
    role                      TEXT NULL,
    contributions             TEXT NOT NULL,
    contribution_description  TEXT NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);

CREATE INDEX ix_project_partner_project ON project_partner (project_id);

CREATE TABLE project_resource (
    id          TEXT NOT NULL PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES project (id),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    url         TEXT NOT NULL,
    licence     TEXT NULL,
    created_at  TEXT NOT NULL
);

CREATE INDEX ix_project_resource_project ON project_resource (project_id);
