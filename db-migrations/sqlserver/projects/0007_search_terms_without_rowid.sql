-- SQLite's 0007 rebuilds projects.project_search_term clustered on its primary key. SQL Server has
-- stored it that way since 0005 (a primary key is clustered by default), so its layout does not
-- change; refreshing the table's statistics is all this step does here (online, and quick).
UPDATE STATISTICS projects.project_search_term;
