-- One row per target per poll (every 2 s): the history behind each card's chart. Kept for the
-- retention period (7 days by default), so the index leads with the target and the time.
CREATE TABLE health_samples (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    target      VARCHAR(64)  NOT NULL,
    sampled_at  DATETIME(3)  NOT NULL,
    status      VARCHAR(8)   NOT NULL,
    cpu_process DOUBLE       NULL,
    cpu_system  DOUBLE       NULL,
    mem_used    BIGINT       NULL,
    mem_max     BIGINT       NULL,
    mem_rss     BIGINT       NULL,
    uptime      DOUBLE       NULL,
    latency_ms  INT          NULL,
    monit       VARCHAR(32)  NULL,
    detail      VARCHAR(255) NULL,
    PRIMARY KEY (id),
    KEY ix_health_samples_target_time (target, sampled_at),
    KEY ix_health_samples_time (sampled_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Status changes and restarts: what the timeline shows and the webhook announces.
CREATE TABLE health_events (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    target      VARCHAR(64)  NOT NULL,
    occurred_at DATETIME(3)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    message     VARCHAR(255) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_health_events_time (occurred_at),
    KEY ix_health_events_target_kind (target, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
