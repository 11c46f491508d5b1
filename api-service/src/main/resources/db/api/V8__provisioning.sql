-- Agents on demand (api-service/README.md, "Agents on demand"; docs/provisioning.md). A launch that asks for
-- provisioned agents queues one request here in its own transaction; a provisioner (its own service, holding
-- the Docker socket) claims it with FOR UPDATE SKIP LOCKED, so two provisioners never take the same one, and
-- keeps its claim alive with a lease: a claim whose lease has passed (its provisioner died) is taken over.
-- status: QUEUED -> CLAIMED -> RELEASED (its containers are gone) | FAILED (reason says why; the api-service
-- then fails the launch with it). engine: docker | swarm.
CREATE TABLE provision_requests (
    launch_id    BIGINT        NOT NULL,
    engine       VARCHAR(16)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    claimed_by   VARCHAR(128)  NULL,
    lease_until  DATETIME(3)   NULL,
    reason       TEXT          NULL,
    created_at   DATETIME(3)   NOT NULL,
    updated_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (launch_id),
    KEY ix_provision_requests_status (status, lease_until),
    CONSTRAINT fk_provision_requests_launch FOREIGN KEY (launch_id) REFERENCES launches (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per agent a provisioned launch asked for (its name is the launch's agent name, l<launch>-<region>-<n>),
-- written REQUESTED by the api-service; the provisioner records what Docker says of its container there
-- (state: REQUESTED, CREATED, STARTING, RUNNING, HEALTHY, UNHEALTHY, EXITED, REMOVED, PENDING, FAILED), which
-- the launch's page shows. detail: Docker's words (an exit code, "no suitable node", an error).
CREATE TABLE provision_agents (
    launch_id     BIGINT        NOT NULL,
    agent_name    VARCHAR(64)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    region        VARCHAR(64)   NOT NULL,
    container_id  VARCHAR(80)   NULL,
    state         VARCHAR(16)   NOT NULL,
    detail        TEXT          NULL,
    updated_at    DATETIME(3)   NOT NULL,
    PRIMARY KEY (launch_id, agent_name),
    KEY ix_provision_agents_name (agent_name),
    CONSTRAINT fk_provision_agents_launch FOREIGN KEY (launch_id) REFERENCES launches (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
