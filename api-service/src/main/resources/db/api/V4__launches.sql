-- Launches: a plan run by agents (api-service/README.md, "Launches"; docs/launches.md). The state lives here,
-- not in a replica's memory: every change is read-decide-write under the launch row's lock.
-- The plan's name, generator and the version's files are copied at creation, so a launch stays readable
-- (and its agents served) whatever happens to the plan later. No foreign key to plans for the same reason.
-- token_salt and ingest_token_id make the launch ingest token: its secret is derived from the JWT secret and
-- the salt, so no secret is stored. version moves once per change (the aggregate's version).
CREATE TABLE launches (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    run_uuid             CHAR(36)      NOT NULL,
    created_by           BIGINT        NULL,
    created_by_name      VARCHAR(64)   NOT NULL,
    plan_id              BIGINT        NOT NULL,
    plan_version         INT           NOT NULL,
    plan_name            VARCHAR(200)  NOT NULL,
    generator            VARCHAR(16)   NOT NULL,
    files                JSON          NOT NULL,
    request              JSON          NOT NULL,
    policy               JSON          NOT NULL,
    shortfalls           JSON          NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    reason               TEXT          NULL,
    created_at           DATETIME(3)   NOT NULL,
    readiness_deadline   DATETIME(3)   NOT NULL,
    start_at             DATETIME(3)   NULL,
    ended_at             DATETIME(3)   NULL,
    version              BIGINT        NOT NULL,
    token_salt           CHAR(32)      NOT NULL,
    ingest_token_id      BIGINT        NULL,
    run_committed_at     DATETIME(3)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_launches_run_uuid (run_uuid),
    KEY ix_launches_status (status, readiness_deadline),
    KEY ix_launches_commit (run_committed_at, status),
    CONSTRAINT fk_launches_creator FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_launches_ingest_token FOREIGN KEY (ingest_token_id) REFERENCES ingest_tokens (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per agent of a launch. log holds the agent's last lines (at most 50) as a JSON array.
CREATE TABLE launch_agents (
    launch_id        BIGINT        NOT NULL,
    agent_name       VARCHAR(64)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    position         INT           NOT NULL,
    region           VARCHAR(64)   NOT NULL,
    users            INT           NOT NULL,
    ramp_up_seconds  INT           NOT NULL,
    spawn_rate       DOUBLE        NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    reason           TEXT          NULL,
    ready_message    TEXT          NULL,
    started_with     BOOLEAN       NOT NULL,
    first_request_at DATETIME(3)   NULL,
    requests         BIGINT        NOT NULL,
    failures         BIGINT        NOT NULL,
    ended_at         DATETIME(3)   NULL,
    log              JSON          NOT NULL,
    PRIMARY KEY (launch_id, agent_name),
    KEY ix_launch_agents_agent (agent_name, status),
    CONSTRAINT fk_launch_agents_launch FOREIGN KEY (launch_id) REFERENCES launches (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
