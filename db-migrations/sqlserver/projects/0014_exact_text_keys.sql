-- Unique keys over texts the code de-duplicates exactly get a binary collation (ADR 0003): a linguistic one takes
-- "cœur" for "coeur" or "ß" for "ss", and the second search term or tag would violate the key on every retry
-- (409). Tags also come back in SQLite's order (bytes). Each key is dropped, its column altered, the key rebuilt.
DROP INDEX ix_project_search_term_term ON projects.project_search_term;
ALTER TABLE projects.project_search_term DROP CONSTRAINT pk_project_search_term;
ALTER TABLE projects.project_search_term ALTER COLUMN term NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE projects.project_search_term ADD CONSTRAINT pk_project_search_term PRIMARY KEY (project_id, term);
CREATE INDEX ix_project_search_term_term ON projects.project_search_term (term, project_id);

ALTER TABLE projects.project_tag DROP CONSTRAINT pk_project_tag;
ALTER TABLE projects.project_tag ALTER COLUMN tag NVARCHAR(50) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE projects.project_tag ADD CONSTRAINT pk_project_tag PRIMARY KEY (project_id, tag);

DROP INDEX ux_project_external_reference ON projects.project;
ALTER TABLE projects.project ALTER COLUMN external_reference NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL;
CREATE UNIQUE INDEX ux_project_external_reference ON projects.project (academie, external_reference) WHERE external_reference IS NOT NULL;

ALTER TABLE projects.project_plan_phase DROP CONSTRAINT pk_project_plan_phase;
ALTER TABLE projects.project_plan_phase ALTER COLUMN item_key NVARCHAR(40) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE projects.project_plan_phase ADD CONSTRAINT pk_project_plan_phase PRIMARY KEY (project_id, item_key);

ALTER TABLE projects.project_plan_milestone DROP CONSTRAINT pk_project_plan_milestone;
ALTER TABLE projects.project_plan_milestone ALTER COLUMN item_key NVARCHAR(40) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE projects.project_plan_milestone ADD CONSTRAINT pk_project_plan_milestone PRIMARY KEY (project_id, item_key);

ALTER TABLE projects.project_plan_dependency DROP CONSTRAINT pk_project_plan_dependency;
ALTER TABLE projects.project_plan_dependency ALTER COLUMN item_key NVARCHAR(40) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE projects.project_plan_dependency ALTER COLUMN depends_on NVARCHAR(40) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE projects.project_plan_dependency ADD CONSTRAINT pk_project_plan_dependency PRIMARY KEY (project_id, item_key, depends_on);
