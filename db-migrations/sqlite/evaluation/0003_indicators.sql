-- Indicators (ADR 0024): what is measured, in which unit and direction, for which scope (a project, an
-- experimentation, a network or the académie: scope_id is null for the académie), from which baseline to which
-- target, and an optional comparison group whose values are a JSON array of {period, value}.
CREATE TABLE indicator (
    id                   TEXT NOT NULL PRIMARY KEY,
    academie             TEXT NOT NULL,
    code                 TEXT NOT NULL,
    label                TEXT NOT NULL,
    unit                 TEXT NOT NULL,
    direction            TEXT NOT NULL,
    scope                TEXT NOT NULL,
    scope_id             TEXT NULL,
    baseline_value       REAL NOT NULL,
    baseline_date        TEXT NOT NULL,
    target_value         REAL NOT NULL,
    target_date          TEXT NOT NULL,
    data_source          TEXT NULL,
    collection_method    TEXT NULL,
    comparison_label     TEXT NULL,
    comparison_baseline  REAL NULL,
    comparison_values    TEXT NULL,
    version              INTEGER NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE INDEX ix_indicator_key ON indicator (academie, scope, scope_id, code);
CREATE INDEX ix_indicator_scope ON indicator (scope_id);
