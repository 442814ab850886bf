-- The project as the list shows it, kept as JSON on its row (without its status, version and time
-- of the last change, which are read from their own columns): a page of the list is then one
-- statement and no serialization. Written with every insert and replace of a project and when
-- the directory renames a school; rows older than this column are filled at start-up (ADR 0010).
ALTER TABLE project ADD COLUMN listing TEXT NULL;
