-- The search terms as a table clustered on its primary key, as SQL Server already stores it
-- (ADR 0010): a rowid table kept three B-trees per term (rows, primary key, term index), and a
-- project has forty-odd terms, so they were most of the B-tree work of each project write.
CREATE TABLE project_search_term_clustered (
    project_id  TEXT NOT NULL REFERENCES project (id),
    term        TEXT NOT NULL,
    PRIMARY KEY (project_id, term)
) WITHOUT ROWID;

INSERT INTO project_search_term_clustered (project_id, term)
SELECT project_id, term FROM project_search_term;

DROP TABLE project_search_term;

ALTER TABLE project_search_term_clustered RENAME TO project_search_term;

CREATE INDEX ix_project_search_term_term ON project_search_term (term, project_id);
