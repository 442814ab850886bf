-- SQL Server's 0036_exact_text_keys.sql gives text keys the code compares exactly a binary collation (ADR 0003). SQLite
-- compares text by its bytes already, so nothing changes here (the file keeps both engines' lists the same).
SELECT 1;
