-- The host's own tables: API keys, idempotency records, the public event feed, the dispatch lease.
CREATE TABLE api_key (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    academie    TEXT NULL,
    scopes      TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT NULL
);

CREATE TABLE idempotency_record (
    caller_id        TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    status_code      INTEGER NULL,
    content_type     TEXT NULL,
    location         TEXT NULL,
    etag             TEXT NULL,
    body             BLOB NULL,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    PRIMARY KEY (caller_id, idempotency_key)
);

CREATE INDEX ix_idempotency_record_expires_at ON idempotency_record (expires_at);

CREATE TABLE event_feed (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT NOT NULL UNIQUE,
    type           TEXT NOT NULL,
    aggregate_key  TEXT NOT NULL,
    academie       TEXT NOT NULL,
    payload        TEXT NOT NULL,
    occurred_at    TEXT NOT NULL
);

CREATE INDEX ix_event_feed_academie ON event_feed (academie, position);

CREATE TABLE dispatcher_lease (
    name        TEXT NOT NULL PRIMARY KEY,
    owner       TEXT NULL,
    expires_at  TEXT NOT NULL
);

INSERT INTO dispatcher_lease (name, owner, expires_at) VALUES ('outbox', NULL, '0001-01-01T00:00:00.0000000Z');
