-- Finding projects: the full-text term index (accent-folded, lower-cased words of the title,
-- summary and canvas, rewritten with every insert/replace of a project; see ADR 0013) and Projects'
-- read model of networks and their member schools (fed by the Networks events).
CREATE TABLE project_search_term (
    project_id  TEXT NOT NULL REFERENCES project (id),
    term        TEXT NOT NULL,
    PRIMARY KEY (project_id, term)
);

CREATE INDEX ix_project_search_term_term ON project_search_term (term, project_id);

CREATE TABLE network (
    id                  TEXT NOT NULL PRIMARY KEY,
    academie            TEXT NOT NULL,
    kind                TEXT NULL,
    name                TEXT NULL,
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
