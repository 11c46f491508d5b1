-- Runs a user pinned: retention never deletes them (api-service/README.md, "Retention and pins"). Keyed by the
-- run's uuid without a foreign key: runs belong to the consumer-service, whose tables may not exist yet when this
-- runs. Deleting a run (an admin, or retention) deletes its pin in the same transaction.
CREATE TABLE run_pins (
    run_uuid   CHAR(36)     NOT NULL,
    pinned_by  VARCHAR(64)  NOT NULL,   -- the username, kept when the account goes
    pinned_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (run_uuid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
