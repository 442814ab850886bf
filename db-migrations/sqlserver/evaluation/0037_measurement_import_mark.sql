-- The import that last wrote a measurement and the line of its file (ADR 0024): a later line of the same import naming
-- the same (indicator, period) is a repeat, found by the lookup the import makes anyway, so a written row needs no entry
-- in measurement_import_line (which keeps only the rows an import did not write: rejected, unchanged, dry run).
ALTER TABLE evaluation.measurement ADD import_id UNIQUEIDENTIFIER NULL, import_line INT NULL;
