-- Transactional outbox (events written with the change) and inbox (events already handled here).
CREATE TABLE experimentation.outbox_message (
    sequence         BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_experimentation_outbox_message PRIMARY KEY,
    event_id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT uq_experimentation_outbox_message_event_id UNIQUE,
    type             NVARCHAR(100) NOT NULL,
    aggregate_key    NVARCHAR(100) NOT NULL,
    academie         NVARCHAR(10) NOT NULL,
    payload          NVARCHAR(MAX) NOT NULL,
    occurred_at      DATETIMEOFFSET NOT NULL,
    processed_at     DATETIMEOFFSET NULL,
    attempts         INT NOT NULL CONSTRAINT df_experimentation_outbox_message_attempts DEFAULT 0,
    next_attempt_at  DATETIMEOFFSET NULL,
    parked_at        DATETIMEOFFSET NULL,
    last_error       NVARCHAR(2000) NULL
);

CREATE INDEX ix_outbox_message_pending ON experimentation.outbox_message (sequence) WHERE processed_at IS NULL;

CREATE TABLE experimentation.inbox_message (
    event_id      UNIQUEIDENTIFIER NOT NULL,
    handler       NVARCHAR(200) NOT NULL,
    processed_at  DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_experimentation_inbox_message PRIMARY KEY (event_id, handler)
);
