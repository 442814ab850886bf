-- Indicators (ADR 0024): what is measured, in which unit and direction, for which scope (a project, an
-- experimentation, a network or the académie: scope_id is null for the académie), from which baseline to which
-- target, and an optional comparison group whose values are a JSON array of {period, value}.
CREATE TABLE evaluation.indicator (
    id                   UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_indicator PRIMARY KEY,
    academie             NVARCHAR(10) NOT NULL,
    code                 NVARCHAR(40) NOT NULL,
    label                NVARCHAR(200) NOT NULL,
    unit                 NVARCHAR(20) NOT NULL,
    direction            NVARCHAR(20) NOT NULL,
    scope                NVARCHAR(20) NOT NULL,
    scope_id             UNIQUEIDENTIFIER NULL,
    baseline_value       FLOAT NOT NULL,
    baseline_date        DATE NOT NULL,
    target_value         FLOAT NOT NULL,
    target_date          DATE NOT NULL,
    data_source          NVARCHAR(500) NULL,
    collection_method    NVARCHAR(500) NULL,
    comparison_label     NVARCHAR(200) NULL,
    comparison_baseline  FLOAT NULL,
    comparison_values    NVARCHAR(MAX) NULL,
    version              INT NOT NULL,
    created_at           DATETIMEOFFSET NOT NULL,
    updated_at           DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_indicator_key ON evaluation.indicator (academie, scope, scope_id, code);
CREATE INDEX ix_indicator_scope ON evaluation.indicator (scope_id);
