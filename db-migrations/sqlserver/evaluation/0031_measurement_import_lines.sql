-- The line on which each (indicator, period) of a running measurement import first appeared (ADR 0024), so that a
-- repeat later in the file is reported with that line while the import's memory stays flat: kept in the import's own
-- transactions (never committed by a dry run) and deleted when the import ends. fingerprint is 128 bits of the SHA-256
-- of the row's indicator key and period.
CREATE TABLE evaluation.measurement_import_line (
    import_id    UNIQUEIDENTIFIER NOT NULL,
    fingerprint  UNIQUEIDENTIFIER NOT NULL,
    line         INT NOT NULL,
    CONSTRAINT pk_evaluation_measurement_import_line PRIMARY KEY (import_id, fingerprint)
);
