-- Measurements (ADR 0024): one value per indicator and period, submitted then approved or returned with a reason by
-- someone else; only approved values count in dashboards. Who submitted and who reviewed are kept as the credential's id
-- and, when it has an e-mail, its SHA-256 key (so PersonErased finds them); collected_by is a person of the directory.
-- measurement_history keeps every value and decision of a measurement.
CREATE TABLE measurement (
    id                TEXT NOT NULL PRIMARY KEY,
    indicator_id      TEXT NOT NULL REFERENCES indicator (id),
    academie          TEXT NOT NULL,
    period            TEXT NOT NULL,
    period_end        TEXT NOT NULL,
    school_year       TEXT NOT NULL,
    value             REAL NOT NULL,
    source            TEXT NULL,
    collected_by      TEXT NULL,
    comment           TEXT NULL,
    status            TEXT NOT NULL,
    return_reason     TEXT NULL,
    submitted_by      TEXT NULL,
    submitted_by_key  TEXT NULL,
    submitted_at      TEXT NOT NULL,
    reviewed_by       TEXT NULL,
    reviewed_by_key   TEXT NULL,
    reviewed_at       TEXT NULL,
    version           INTEGER NOT NULL,
    created_at        TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_measurement_period ON measurement (indicator_id, period);
CREATE INDEX ix_measurement_approved ON measurement (academie, status, indicator_id, period_end);

CREATE TABLE measurement_history (
    id              TEXT NOT NULL PRIMARY KEY,
    measurement_id  TEXT NOT NULL REFERENCES measurement (id),
    academie        TEXT NOT NULL,
    action          TEXT NOT NULL,
    status          TEXT NOT NULL,
    value           REAL NOT NULL,
    reason          TEXT NULL,
    actor           TEXT NULL,
    actor_key       TEXT NULL,
    occurred_at     TEXT NOT NULL
);

CREATE INDEX ix_measurement_history_measurement ON measurement_history (measurement_id, occurred_at);
