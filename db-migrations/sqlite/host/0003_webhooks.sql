-- Webhook subscriptions (the event feed pushed to an académie's systems) and their delivery log.
-- A subscription's position is the last event_feed position it has dealt with: delivery resumes after it.
-- A delivery's sequence orders the log (newest first); its id names it in the API.
CREATE TABLE webhook_subscription (
    id                          TEXT NOT NULL PRIMARY KEY,
    academie                    TEXT NULL,
    url                         TEXT NOT NULL,
    event_types                 TEXT NULL,
    description                 TEXT NULL,
    secret                      TEXT NOT NULL,
    previous_secret             TEXT NULL,
    previous_secret_expires_at  TEXT NULL,
    enabled                     INTEGER NOT NULL,
    disabled_at                 TEXT NULL,
    disabled_reason             TEXT NULL,
    position                    INTEGER NOT NULL,
    consecutive_failures        INTEGER NOT NULL,
    next_attempt_at             TEXT NULL,
    version                     INTEGER NOT NULL,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL
);

CREATE INDEX ix_webhook_subscription_academie ON webhook_subscription (academie, id);

CREATE TABLE webhook_delivery (
    sequence                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                       TEXT NOT NULL UNIQUE,
    subscription_id          TEXT NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id                 TEXT NOT NULL,
    event_type               TEXT NOT NULL,
    event_position           INTEGER NOT NULL,
    attempt                  INTEGER NOT NULL,
    outcome                  TEXT NOT NULL,
    status_code              INTEGER NULL,
    duration_ms              INTEGER NOT NULL,
    error                    TEXT NULL,
    manual                   INTEGER NOT NULL,
    redelivery_requested_at  TEXT NULL,
    attempted_at             TEXT NOT NULL
);

CREATE INDEX ix_webhook_delivery_subscription ON webhook_delivery (subscription_id, sequence);

CREATE INDEX ix_webhook_delivery_redelivery ON webhook_delivery (subscription_id) WHERE redelivery_requested_at IS NOT NULL;

INSERT INTO dispatcher_lease (name, owner, expires_at) VALUES ('webhooks', NULL, '0001-01-01T00:00:00.0000000Z');
