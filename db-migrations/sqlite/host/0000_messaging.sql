-- Transactional outbox (events written with the change) and inbox (events already handled here).
CREATE TABLE outbox_message (
    sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id         TEXT NOT NULL UNIQUE,
    type             TEXT NOT NULL,
    aggregate_key    TEXT NOT NULL,
    academie         TEXT NOT NULL,
    payload          TEXT NOT NULL,
    occurred_at      TEXT NOT NULL,
    processed_at     TEXT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NULL,
    parked_at        TEXT NULL,
    last_error       TEXT NULL
);

CREATE INDEX ix_outbox_message_pending ON outbox_message (sequence) WHERE processed_at IS NULL;

CREATE TABLE inbox_message (
    event_id      TEXT NOT NULL,
    handler       TEXT NOT NULL,
    processed_at  TEXT NOT NULL,
    PRIMARY KEY (event_id, handler)
);
