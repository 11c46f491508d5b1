-- Notifications (api-service/README.md, "Notifications"): the channels admins configure, the deliveries
-- waiting for or done by the delivery job (an outbox: publishing only writes a row), and what the run
-- watcher has already told about.

CREATE TABLE notification_channels (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    name        VARCHAR(100)  NOT NULL,
    type        VARCHAR(16)   NOT NULL,               -- slack, webhook
    url         VARCHAR(2000) NOT NULL,
    secret      VARCHAR(200)  NULL,                   -- webhook signing key, as given; never sent back
    events      TEXT          NOT NULL,               -- JSON array of event names
    tests       TEXT          NULL,                   -- JSON array of test names; NULL: every test
    created_at  DATETIME(3)   NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_notification_channels_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE notification_deliveries (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    delivery_uuid    CHAR(36)      NOT NULL,          -- X-Loadstack-Delivery: the same on every attempt
    channel_id       BIGINT        NOT NULL,
    event            VARCHAR(32)   NOT NULL,
    test             VARCHAR(200)  NULL,
    run_uuid         CHAR(36)      NULL,
    summary          VARCHAR(500)  NOT NULL,
    body             MEDIUMTEXT    NOT NULL,          -- exactly what is posted (and signed), fixed at publish time
    status           VARCHAR(16)   NOT NULL,          -- PENDING, DELIVERED, FAILED (given up)
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(3)   NULL,              -- PENDING: when it is due (or the end of a claim's lease)
    last_attempt_at  DATETIME(3)   NULL,
    last_status_code INT           NULL,
    last_error       VARCHAR(1000) NULL,
    created_at       DATETIME(3)   NOT NULL,
    delivered_at     DATETIME(3)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_notification_deliveries_uuid (delivery_uuid),
    KEY ix_notification_deliveries_due (status, next_attempt_at),
    KEY ix_notification_deliveries_channel (channel_id, id),
    KEY ix_notification_deliveries_created (created_at),
    CONSTRAINT fk_notification_deliveries_channel FOREIGN KEY (channel_id) REFERENCES notification_channels (id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The run watcher's checkpoint: one row, locked by the replica that looks (SKIP LOCKED: the others skip
-- a turn). Runs that started before the feature was installed are not announced.
CREATE TABLE notification_watch (
    name       VARCHAR(32)  NOT NULL,
    seen_until DATETIME(3)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO notification_watch (name, seen_until) VALUES ('runs', UTC_TIMESTAMP(3));

-- The runs announced: a row per run once its start was, end_told_at once its end was.
CREATE TABLE notification_runs (
    run_uuid      CHAR(36)     NOT NULL,
    start_told_at DATETIME(3)  NOT NULL,
    end_told_at   DATETIME(3)  NULL,
    -- a live threshold failure is told once per run
    threshold_told_at DATETIME(3) NULL,
    PRIMARY KEY (run_uuid),
    KEY ix_notification_runs_open (end_told_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
