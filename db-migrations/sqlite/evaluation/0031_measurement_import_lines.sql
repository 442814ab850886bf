-- The line on which each (indicator, period) of a running measurement import first appeared (ADR 0024), so that a
-- repeat later in the file is reported with that line while the import's memory stays flat: kept in the import's own
-- transactions (never committed by a dry run) and deleted when the import ends. fingerprint is 128 bits of the SHA-256
-- of the row's indicator key and period.
CREATE TABLE measurement_import_line (
    import_id    TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    line         INTEGER NOT NULL,
    PRIMARY KEY (import_id, fingerprint)
) WITHOUT ROWID;
