-- Evaluation's read models (ADR 0024): projects from the Projects lifecycle events (académie, status, schools,
-- départements, themes) and networks from the Networks events (département, member schools with their periods),
-- so the dashboard rolls indicators up by project, network, theme, département and académie without reading
-- another module's tables.
CREATE TABLE evaluation.project (
    id        UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_project PRIMARY KEY,
    academie  NVARCHAR(10) NOT NULL,
    status    NVARCHAR(30) NOT NULL,
    version   INT NOT NULL
);

CREATE TABLE evaluation.project_school (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_project_school_project REFERENCES evaluation.project (id),
    uai         CHAR(8) NOT NULL,
    CONSTRAINT pk_evaluation_project_school PRIMARY KEY (project_id, uai)
);

CREATE TABLE evaluation.project_departement (
    project_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_project_departement_project REFERENCES evaluation.project (id),
    departement  NVARCHAR(3) NOT NULL,
    CONSTRAINT pk_evaluation_project_departement PRIMARY KEY (project_id, departement)
);

CREATE TABLE evaluation.project_theme (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_project_theme_project REFERENCES evaluation.project (id),
    theme       NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_evaluation_project_theme PRIMARY KEY (project_id, theme)
);

CREATE TABLE evaluation.network (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_network PRIMARY KEY,
    academie            NVARCHAR(10) NOT NULL,
    kind                NVARCHAR(40) NULL,
    departement         NVARCHAR(3) NULL,
    version             INT NOT NULL,
    membership_version  INT NOT NULL
);

CREATE TABLE evaluation.network_school (
    network_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_network_school_network REFERENCES evaluation.network (id),
    uai         CHAR(8) NOT NULL,
    valid_from  DATE NULL,
    valid_to    DATE NULL
);

CREATE INDEX ix_network_school_network ON evaluation.network_school (network_id, uai);
