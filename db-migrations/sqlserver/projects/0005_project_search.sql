-- Finding projects: the full-text term index (accent-folded, lower-cased words of the title,
-- summary and canvas, rewritten with every insert/replace of a project; see ADR 0013) and Projects'
-- read model of networks and their member schools (fed by the Networks events).
CREATE TABLE projects.project_search_term (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_search_term_project REFERENCES projects.project (id),
    term        NVARCHAR(64) NOT NULL,
    CONSTRAINT pk_project_search_term PRIMARY KEY (project_id, term)
);

CREATE INDEX ix_project_search_term_term ON projects.project_search_term (term, project_id);

CREATE TABLE projects.network (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_projects_network PRIMARY KEY,
    academie            NVARCHAR(10) NOT NULL,
    kind                NVARCHAR(40) NULL,
    name                NVARCHAR(200) NULL,
    departement         NVARCHAR(3) NULL,
    version             INT NOT NULL,
    membership_version  INT NOT NULL
);

CREATE TABLE projects.network_school (
    network_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_projects_network_school_network REFERENCES projects.network (id),
    uai         CHAR(8) NOT NULL,
    valid_from  DATE NULL,
    valid_to    DATE NULL
);

CREATE INDEX ix_network_school_network ON projects.network_school (network_id, uai);
