-- Agent tokens (lsa_…) are stored as SHA-256 of the secret, like ingest tokens; the secret is shown once.
-- A revoked token keeps its row (revoked_at set) so the list and the agents it served stay explained.
CREATE TABLE agent_tokens (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    name         VARCHAR(100) NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    token_prefix VARCHAR(16)  NOT NULL,
    created_by   BIGINT       NULL,
    created_at   DATETIME(3)  NOT NULL,
    last_used_at DATETIME(3)  NULL,
    revoked_at   DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_agent_tokens_hash (token_hash),
    CONSTRAINT fk_agent_tokens_creator FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per agent name. In MySQL rather than in memory so that every api replica serves every agent.
-- instance_id tells a second process using the same name apart from the one that holds it; online_since is
-- when the current instance's unbroken run of heartbeats began.
CREATE TABLE agents (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    name          VARCHAR(64) NOT NULL,
    instance_id   VARCHAR(64) NOT NULL,
    region        VARCHAR(64) NOT NULL,
    version       VARCHAR(64) NOT NULL,
    token_id      BIGINT      NOT NULL,
    online_since  DATETIME(3) NOT NULL,
    last_seen_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_agents_name (name),
    KEY ix_agents_last_seen (last_seen_at),
    CONSTRAINT fk_agents_token FOREIGN KEY (token_id) REFERENCES agent_tokens (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
