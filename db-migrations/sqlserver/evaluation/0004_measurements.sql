-- Measurements (ADR 0024): one value per indicator and period, submitted then approved or returned with a reason by
-- someone else; only approved values count in dashboards. Who submitted and who reviewed are kept as the credential's id
-- and, when it has an e-mail, its SHA-256 key (so PersonErased finds them); collected_by is a person of the directory.
-- measurement_history keeps every value and decision of a measurement.
CREATE TABLE evaluation.measurement (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_measurement PRIMARY KEY,
    indicator_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_measurement_indicator REFERENCES evaluation.indicator (id),
    academie          NVARCHAR(10) NOT NULL,
    period            NVARCHAR(10) NOT NULL,
    period_end        DATE NOT NULL,
    school_year       NVARCHAR(9) NOT NULL,
    value             FLOAT NOT NULL,
    source            NVARCHAR(200) NULL,
    collected_by      UNIQUEIDENTIFIER NULL,
    comment           NVARCHAR(1000) NULL,
    status            NVARCHAR(20) NOT NULL,
    return_reason     NVARCHAR(1000) NULL,
    submitted_by      NVARCHAR(200) NULL,
    submitted_by_key  NVARCHAR(64) NULL,
    submitted_at      DATETIMEOFFSET NOT NULL,
    reviewed_by       NVARCHAR(200) NULL,
    reviewed_by_key   NVARCHAR(64) NULL,
    reviewed_at       DATETIMEOFFSET NULL,
    version           INT NOT NULL,
    created_at        DATETIMEOFFSET NOT NULL
);

CREATE UNIQUE INDEX ux_measurement_period ON evaluation.measurement (indicator_id, period);
CREATE INDEX ix_measurement_approved ON evaluation.measurement (academie, status, indicator_id, period_end);

CREATE TABLE evaluation.measurement_history (
    id              UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_measurement_history PRIMARY KEY,
    measurement_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_measurement_history_measurement
                        REFERENCES evaluation.measurement (id),
    academie        NVARCHAR(10) NOT NULL,
    action          NVARCHAR(20) NOT NULL,
    status          NVARCHAR(20) NOT NULL,
    value           FLOAT NOT NULL,
    reason          NVARCHAR(1000) NULL,
    actor           NVARCHAR(200) NULL,
    actor_key       NVARCHAR(64) NULL,
    occurred_at     DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_measurement_history_measurement ON evaluation.measurement_history (measurement_id, occurred_at);
