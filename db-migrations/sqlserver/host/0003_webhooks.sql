-- Webhook subscriptions (the event feed pushed to an académie's systems) and their delivery log.
-- A subscription's position is the last event_feed position it has dealt with: delivery resumes after it.
-- A delivery's sequence orders the log (newest first); its id names it in the API.
CREATE TABLE host.webhook_subscription (
    id                          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_webhook_subscription PRIMARY KEY,
    academie                    NVARCHAR(10) NULL,
    url                         NVARCHAR(2000) NOT NULL,
    event_types                 NVARCHAR(4000) NULL,
    description                 NVARCHAR(500) NULL,
    secret                      NVARCHAR(100) NOT NULL,
    previous_secret             NVARCHAR(100) NULL,
    previous_secret_expires_at  DATETIMEOFFSET NULL,
    enabled                     BIT NOT NULL,
    disabled_at                 DATETIMEOFFSET NULL,
    disabled_reason             NVARCHAR(500) NULL,
    position                    BIGINT NOT NULL,
    consecutive_failures        INT NOT NULL,
    next_attempt_at             DATETIMEOFFSET NULL,
    version                     INT NOT NULL,
    created_at                  DATETIMEOFFSET NOT NULL,
    updated_at                  DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_webhook_subscription_academie ON host.webhook_subscription (academie, id);

CREATE TABLE host.webhook_delivery (
    sequence                 BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_webhook_delivery PRIMARY KEY,
    id                       UNIQUEIDENTIFIER NOT NULL CONSTRAINT uq_webhook_delivery_id UNIQUE,
    subscription_id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_webhook_delivery_subscription
                                 REFERENCES host.webhook_subscription (id) ON DELETE CASCADE,
    event_id                 UNIQUEIDENTIFIER NOT NULL,
    event_type               NVARCHAR(100) NOT NULL,
    event_position           BIGINT NOT NULL,
    attempt                  INT NOT NULL,
    outcome                  NVARCHAR(20) NOT NULL,
    status_code              INT NULL,
    duration_ms              INT NOT NULL,
    error                    NVARCHAR(1000) NULL,
    manual                   BIT NOT NULL,
    redelivery_requested_at  DATETIMEOFFSET NULL,
    attempted_at             DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_webhook_delivery_subscription ON host.webhook_delivery (subscription_id, sequence);

CREATE INDEX ix_webhook_delivery_redelivery ON host.webhook_delivery (subscription_id) WHERE redelivery_requested_at IS NOT NULL;

INSERT INTO host.dispatcher_lease (name, owner, expires_at) VALUES (N'webhooks', NULL, '0001-01-01T00:00:00+00:00');
