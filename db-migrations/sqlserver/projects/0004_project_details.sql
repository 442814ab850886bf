-- What hangs off a project besides its canvas: the plan (phases, milestones and the dependencies
-- between them, keyed by the client's own keys), the logbook (append-only), partners and resources.
-- Funding lines live in projects.project_funding (0002).
CREATE TABLE projects.project_plan_phase (
    project_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_plan_phase_project REFERENCES projects.project (id),
    item_key     NVARCHAR(40) NOT NULL,
    position     INT NOT NULL,
    title        NVARCHAR(200) NOT NULL,
    start_date   DATE NOT NULL,
    end_date     DATE NOT NULL,
    responsible  NVARCHAR(200) NULL,
    state        NVARCHAR(20) NOT NULL,
    CONSTRAINT pk_project_plan_phase PRIMARY KEY (project_id, item_key)
);

CREATE TABLE projects.project_plan_milestone (
    project_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_plan_milestone_project REFERENCES projects.project (id),
    item_key     NVARCHAR(40) NOT NULL,
    position     INT NOT NULL,
    phase_key    NVARCHAR(40) NULL,
    title        NVARCHAR(200) NOT NULL,
    due_date     DATE NOT NULL,
    responsible  NVARCHAR(200) NULL,
    state        NVARCHAR(20) NOT NULL,
    CONSTRAINT pk_project_plan_milestone PRIMARY KEY (project_id, item_key)
);

-- item_key depends on depends_on (both keys of a phase or a milestone of the same plan).
CREATE TABLE projects.project_plan_dependency (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_plan_dependency_project REFERENCES projects.project (id),
    item_key    NVARCHAR(40) NOT NULL,
    depends_on  NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_project_plan_dependency PRIMARY KEY (project_id, item_key, depends_on)
);

CREATE TABLE projects.project_logbook_entry (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_project_logbook_entry PRIMARY KEY,
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_logbook_entry_project REFERENCES projects.project (id),
    sequence    INT NOT NULL,
    entry_type  NVARCHAR(20) NOT NULL,
    entry_date  DATE NOT NULL,
    entry_text  NVARCHAR(4000) NOT NULL,
    corrects    UNIQUEIDENTIFIER NULL,
    author      NVARCHAR(100) NOT NULL,
    created_at  DATETIMEOFFSET NOT NULL
);

CREATE UNIQUE INDEX ux_project_logbook_sequence ON projects.project_logbook_entry (project_id, sequence);

CREATE TABLE projects.project_partner (
    id                        UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_project_partner PRIMARY KEY,
    project_id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_partner_project REFERENCES projects.project (id),
    kind                      NVARCHAR(30) NOT NULL,
    name                      NVARCHAR(200) NOT NULL,
    role                      NVARCHAR(500) NULL,
    contributions             NVARCHAR(100) NOT NULL,
    contribution_description  NVARCHAR(2000) NULL,
    created_at                DATETIMEOFFSET NOT NULL,
    updated_at                DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_project_partner_project ON projects.project_partner (project_id);

CREATE TABLE projects.project_resource (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_project_resource PRIMARY KEY,
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_resource_project REFERENCES projects.project (id),
    kind        NVARCHAR(20) NOT NULL,
    title       NVARCHAR(200) NOT NULL,
    url         NVARCHAR(2000) NOT NULL,
    licence     NVARCHAR(100) NULL,
    created_at  DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_project_resource_project ON projects.project_resource (project_id);
