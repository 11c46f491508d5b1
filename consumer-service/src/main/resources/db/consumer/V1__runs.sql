-- Runs and their 15-second records. Owned by the consumer-service (it writes them); the api-service
-- reads them for the runs API and may delete runs. Times are UTC.

CREATE TABLE runs (
    uuid             CHAR(36)     NOT NULL,
    owner_id         BIGINT       NOT NULL,
    name             VARCHAR(200) NOT NULL,
    status           VARCHAR(16)  NOT NULL,            -- RUNNING, COMPLETED, ABANDONED
    origin           VARCHAR(16)  NOT NULL,            -- events (Locust/JSON), jmeter, k6, influx
    host             VARCHAR(255) NULL,                -- the load generator that registered it
    target_host      VARCHAR(255) NULL,
    started_at       DATETIME(3)  NOT NULL,
    ended_at         DATETIME(3)  NULL,
    last_activity_at DATETIME(3)  NOT NULL,
    intervals        INT          NOT NULL DEFAULT 0,  -- records written so far
    interval_start   DATETIME(3)  NOT NULL,            -- where the interval being collected began
    users            INT          NOT NULL DEFAULT 0,  -- latest reported
    max_users        INT          NOT NULL DEFAULT 0,
    requests         BIGINT       NOT NULL DEFAULT 0,
    failures         BIGINT       NOT NULL DEFAULT 0,
    min_ms           DOUBLE       NULL,
    mean_ms          DOUBLE       NULL,
    max_ms           DOUBLE       NULL,
    p50_ms           DOUBLE       NULL,
    p90_ms           DOUBLE       NULL,
    p95_ms           DOUBLE       NULL,
    p99_ms           DOUBLE       NULL,
    histogram        MEDIUMBLOB   NULL,                -- HdrHistogram (µs), compressed encoding, whole run
    tags             TEXT         NOT NULL,            -- JSON object of string tags
    fields           TEXT         NULL,                -- JSON object of the register body's fields
    final_stats      MEDIUMTEXT   NULL,                -- the commit's requestStats as sent
    applied_lsn      BIGINT       NOT NULL DEFAULT 0,  -- the consumer journal entry this row reflects
    PRIMARY KEY (uuid),
    KEY ix_runs_status (status),
    KEY ix_runs_started (started_at),
    KEY ix_runs_owner (owner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per tag, so that runs can be filtered by tag with an index.
CREATE TABLE run_tags (
    run_uuid  CHAR(36)     NOT NULL,
    tag_key   VARCHAR(100) NOT NULL,
    tag_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (run_uuid, tag_key),
    KEY ix_run_tags_kv (tag_key, tag_value)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The 15-second records: one per run and interval with method = '' and name = '' (the whole run),
-- plus one per endpoint that saw requests in that interval.
CREATE TABLE run_intervals (
    run_uuid       CHAR(36)     NOT NULL,
    seq            INT          NOT NULL,
    method         VARCHAR(16)  NOT NULL,
    name           VARCHAR(300) NOT NULL,
    interval_start DATETIME(3)  NOT NULL,
    interval_end   DATETIME(3)  NOT NULL,
    users          INT          NOT NULL,
    requests       BIGINT       NOT NULL,
    failures       BIGINT       NOT NULL,
    rps            DOUBLE       NOT NULL,
    min_ms         DOUBLE       NULL,
    mean_ms        DOUBLE       NULL,
    max_ms         DOUBLE       NULL,
    p50_ms         DOUBLE       NULL,
    p90_ms         DOUBLE       NULL,
    p95_ms         DOUBLE       NULL,
    p99_ms         DOUBLE       NULL,
    empty          BOOLEAN      NOT NULL,             -- no data arrived in this interval; the run is alive
    histogram      BLOB         NULL,
    PRIMARY KEY (run_uuid, seq, method, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Totals per endpoint over the whole run, kept current at every flush.
CREATE TABLE run_endpoints (
    run_uuid  CHAR(36)     NOT NULL,
    method    VARCHAR(16)  NOT NULL,
    name      VARCHAR(300) NOT NULL,
    requests  BIGINT       NOT NULL,
    failures  BIGINT       NOT NULL,
    min_ms    DOUBLE       NULL,
    mean_ms   DOUBLE       NULL,
    max_ms    DOUBLE       NULL,
    p50_ms    DOUBLE       NULL,
    p90_ms    DOUBLE       NULL,
    p95_ms    DOUBLE       NULL,
    p99_ms    DOUBLE       NULL,
    histogram MEDIUMBLOB   NULL,
    PRIMARY KEY (run_uuid, method, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Failures by message, for the errors breakdown.
CREATE TABLE run_errors (
    run_uuid    CHAR(36)     NOT NULL,
    method      VARCHAR(16)  NOT NULL,
    name        VARCHAR(300) NOT NULL,
    message     VARCHAR(500) NOT NULL,
    occurrences BIGINT       NOT NULL,
    PRIMARY KEY (run_uuid, method, name(150), message(200))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The (source, seq) pairs a run has seen, so that a retried stats post is counted once, also
-- across a restart: the highest seq and a bitmap of the 4096 below it.
CREATE TABLE run_sources (
    run_uuid CHAR(36)     NOT NULL,
    source   VARCHAR(100) NOT NULL,
    max_seq  BIGINT       NOT NULL,
    seen     VARBINARY(512) NOT NULL,
    PRIMARY KEY (run_uuid, source)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How far each consumer's journal has been written to MySQL: entries up to lsn are in the tables
-- above, written in the same transaction as this row.
CREATE TABLE consumer_checkpoints (
    journal_id CHAR(36)    NOT NULL,
    lsn        BIGINT      NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (journal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
