-- A project as the API shows it, kept as JSON on its row: the item of the projects list (listing)
-- and the answer of GET /projects/{id} (document), each without the status, version, time of the
-- last change and experimentation flag, which are read from their own columns. Reading one is
-- then one statement and no serialization. Written with every insert and replace of a project,
-- when the directory describes one of its schools anew and when a team member is erased; rows
-- older than these columns are filled at start-up (ADR 0010).
ALTER TABLE project ADD COLUMN listing TEXT NULL;
ALTER TABLE project ADD COLUMN document TEXT NULL;
