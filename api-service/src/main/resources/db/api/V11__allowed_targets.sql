-- The targets launches may hit (README, "Allowed targets"): one row, id 1, holding the list one entry a line as
-- admins wrote it. The first start seeds it from LOADSTACK_ALLOWED_TARGETS; the primary key lets only one of two
-- replicas starting together do that. No row: nothing is allowed.
CREATE TABLE allowed_targets (
    id          TINYINT       NOT NULL,
    entries     MEDIUMTEXT    NOT NULL,
    changed_at  DATETIME(3)   NOT NULL,
    changed_by  VARCHAR(128)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_allowed_targets_one_row CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
