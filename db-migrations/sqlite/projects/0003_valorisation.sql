-- Valorisation: a project's standing for the académie's annual innovation prize (one standing per
-- project and year; the académie's list for a year is every row of that year), and the gazette
-- issues that featured it. academie is copied from the project (it never changes) so the lists
-- filter without a join.
CREATE TABLE project_prize (
    project_id  TEXT NOT NULL REFERENCES project (id),
    year        INTEGER NOT NULL,
    academie    TEXT NOT NULL,
    standing    TEXT NOT NULL,
    marked_by   TEXT NOT NULL,
    marked_at   TEXT NOT NULL,
    PRIMARY KEY (project_id, year)
);

CREATE INDEX ix_project_prize_list ON project_prize (academie, year, project_id);

CREATE TABLE project_gazette (
    project_id   TEXT NOT NULL REFERENCES project (id),
    issue        TEXT NOT NULL,
    academie     TEXT NOT NULL,
    title        TEXT NOT NULL,
    featured_by  TEXT NOT NULL,
    featured_at  TEXT NOT NULL,
    PRIMARY KEY (project_id, issue)
);

CREATE INDEX ix_project_gazette_issue ON project_gazette (academie, issue, project_id);
