-- The host's own tables: API keys, idempotency records, the public event feed, the dispatch lease.
CREATE TABLE host.api_key (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_api_key PRIMARY KEY,
    name        NVARCHAR(100) NOT NULL,
    academie    NVARCHAR(10) NULL,
    scopes      NVARCHAR(1000) NOT NULL,
    key_hash    CHAR(64) NOT NULL CONSTRAINT uq_api_key_key_hash UNIQUE,
    created_at  DATETIMEOFFSET NOT NULL,
    revoked_at  DATETIMEOFFSET NULL
);

CREATE TABLE host.idempotency_record (
    caller_id        NVARCHAR(200) NOT NULL,
    idempotency_key  NVARCHAR(255) NOT NULL,
    request_hash     CHAR(64) NOT NULL,
    status_code      INT NULL,
    content_type     NVARCHAR(200) NULL,
    location         NVARCHAR(2000) NULL,
    etag             NVARCHAR(100) NULL,
    body             VARBINARY(MAX) NULL,
    created_at       DATETIMEOFFSET NOT NULL,
    expires_at       DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_idempotency_record PRIMARY KEY (caller_id, idempotency_key)
);

CREATE INDEX ix_idempotency_record_expires_at ON host.idempotency_record (expires_at);

CREATE TABLE host.event_feed (
    position       BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_event_feed PRIMARY KEY,
    event_id       UNIQUEIDENTIFIER NOT NULL CONSTRAINT uq_event_feed_event_id UNIQUE,
    type           NVARCHAR(100) NOT NULL,
    aggregate_key  NVARCHAR(100) NOT NULL,
    academie       NVARCHAR(10) NOT NULL,
    payload        NVARCHAR(MAX) NOT NULL,
    occurred_at    DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_event_feed_academie ON host.event_feed (academie, position);

CREATE TABLE host.dispatcher_lease (
    name        NVARCHAR(50) NOT NULL CONSTRAINT pk_dispatcher_lease PRIMARY KEY,
    owner       NVARCHAR(200) NULL,
    expires_at  DATETIMEOFFSET NOT NULL
);

INSERT INTO host.dispatcher_lease (name, owner, expires_at) VALUES (N'outbox', NULL, '0001-01-01T00:00:00+00:00');
