-- Valorisation: a project's standing for the académie's annual innovation prize (one standing per
-- project and year; the académie's list for a year is every row of that year), and the gazette
-- issues that featured it. academie is copied from the project (it never changes) so the lists
-- filter without a join.
CREATE TABLE projects.project_prize (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_prize_project REFERENCES projects.project (id),
    year        INT NOT NULL,
    academie    NVARCHAR(10) NOT NULL,
    standing    NVARCHAR(20) NOT NULL,
    marked_by   NVARCHAR(100) NOT NULL,
    marked_at   DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_project_prize PRIMARY KEY (project_id, year)
);

CREATE INDEX ix_project_prize_list ON projects.project_prize (academie, year, project_id);

CREATE TABLE projects.project_gazette (
    project_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_project_gazette_project REFERENCES projects.project (id),
    issue        NVARCHAR(7) NOT NULL,
    academie     NVARCHAR(10) NOT NULL,
    title        NVARCHAR(200) NOT NULL,
    featured_by  NVARCHAR(100) NOT NULL,
    featured_at  DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_project_gazette PRIMARY KEY (project_id, issue)
);

CREATE INDEX ix_project_gazette_issue ON projects.project_gazette (academie, issue, project_id);
