-- Innovative projects: the project itself (with its canvas), its schools, themes, tags, team,
-- the history of its lifecycle transitions, and its funding lines.
CREATE TABLE projects.project (
    id                     UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_project PRIMARY KEY,
    academie               NVARCHAR(10) NOT NULL,
    title                  NVARCHAR(200) NOT NULL,
    summary                NVARCHAR(4000) NOT NULL,
    status                 NVARCHAR(30) NOT NULL,
    external_reference     NVARCHAR(100) NULL,
    levels                 NVARCHAR(200) NOT NULL,
    pupils_concerned       INT NULL,
    planned_start          DATE NULL,
    planned_end            DATE NULL,
    is_public              BIT NOT NULL,
    needs                  NVARCHAR(MAX) NULL,
    objectives             NVARCHAR(MAX) NULL,
    actors                 NVARCHAR(MAX) NULL,
    resources              NVARCHAR(MAX) NULL,
    key_steps              NVARCHAR(MAX) NULL,
    evaluation_indicators  NVARCHAR(MAX) NULL,
    has_experimentation    BIT NOT NULL CONSTRAINT df_project_has_experimentation DEFAULT 0,
    version                INT NOT NULL,
    created_by             NVARCHAR(100) NOT NULL,
    created_at             DATETIMEOFFSET NOT NULL,
    updated_by             NVARCHAR(100) NOT NULL,
    updated_at             DATETIMEOFFSET NOT NULL
);

CREATE UNIQUE INDEX ux_project_external_reference ON projects.project (academie, external_reference) WHERE external_reference IS NOT NULL;
CREATE INDEX ix_project_academie ON projects.project (academie, id);
CREATE INDEX ix_project_status ON projects.project (status, academie);

CREATE TABLE projects.project_school (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_school_project REFERENCES projects.project (id),
    uai         CHAR(8) NOT NULL,
    position    INT NOT NULL,
    CONSTRAINT pk_project_school PRIMARY KEY (project_id, uai)
);

CREATE INDEX ix_project_school_uai ON projects.project_school (uai, project_id);

CREATE TABLE projects.project_theme (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_theme_project REFERENCES projects.project (id),
    theme       NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_project_theme PRIMARY KEY (project_id, theme)
);

CREATE INDEX ix_project_theme_theme ON projects.project_theme (theme, project_id);

CREATE TABLE projects.project_tag (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_tag_project REFERENCES projects.project (id),
    tag         NVARCHAR(50) NOT NULL,
    CONSTRAINT pk_project_tag PRIMARY KEY (project_id, tag)
);

-- Names and e-mails live only here; email_key (SHA-256 of the address) finds them on PersonErased.
CREATE TABLE projects.project_member (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_member_project REFERENCES projects.project (id),
    position    INT NOT NULL,
    role        NVARCHAR(30) NOT NULL,
    name        NVARCHAR(200) NULL,
    email       NVARCHAR(254) NULL,
    email_key   CHAR(64) NULL,
    erased_at   DATETIMEOFFSET NULL,
    CONSTRAINT pk_project_member PRIMARY KEY (project_id, position)
);

CREATE INDEX ix_project_member_email_key ON projects.project_member (email_key);

CREATE TABLE projects.project_transition (
    project_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_transition_project REFERENCES projects.project (id),
    sequence     INT NOT NULL,
    action       NVARCHAR(30) NOT NULL,
    from_status  NVARCHAR(30) NULL,
    to_status    NVARCHAR(30) NOT NULL,
    reason       NVARCHAR(2000) NULL,
    actor        NVARCHAR(100) NOT NULL,
    occurred_at  DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_project_transition PRIMARY KEY (project_id, sequence)
);

CREATE INDEX ix_project_transition_status ON projects.project_transition (to_status, occurred_at);

CREATE TABLE projects.project_funding (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_project_funding PRIMARY KEY,
    project_id        UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_funding_project REFERENCES projects.project (id),
    scheme            NVARCHAR(40) NOT NULL,
    year              INT NOT NULL,
    amount_requested  DECIMAL(12, 2) NOT NULL,
    amount_granted    DECIMAL(12, 2) NULL,
    is_top_up         BIT NOT NULL,
    note              NVARCHAR(1000) NULL,
    created_at        DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_project_funding_project ON projects.project_funding (project_id);
CREATE INDEX ix_project_funding_scheme ON projects.project_funding (scheme, year, project_id);
