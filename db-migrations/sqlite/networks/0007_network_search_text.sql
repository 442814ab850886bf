-- SQL Server's 0007 widens networks.network.search_text; a SQLite TEXT column has no length, so nothing
-- changes here (the file keeps both engines' migration lists the same).
SELECT 1;
