-- Test plans: a plan has versions, a version pins its files, and each distinct file content is stored once,
-- by its SHA-256, however many versions and plans use it. Contents live in MySQL so that every api-service
-- replica serves them. The bytes are kept in chunks of at most 1 MB: one row per file would need
-- max_allowed_packet above the largest file (MariaDB's default is 16 MB, below the data file limit).
CREATE TABLE plan_file_contents (
    sha256     CHAR(64)    NOT NULL,
    size       BIGINT      NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (sha256)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

CREATE TABLE plan_file_chunks (
    sha256  CHAR(64)   NOT NULL,
    seq     INT        NOT NULL,
    content MEDIUMBLOB NOT NULL,
    PRIMARY KEY (sha256, seq),
    CONSTRAINT fk_plan_file_chunks_content FOREIGN KEY (sha256) REFERENCES plan_file_contents (sha256) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

-- The owner is kept by name: a plan outlives the account that uploaded it (then only admins may delete it).
CREATE TABLE plans (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(200) NOT NULL,
    generator  VARCHAR(16)  NOT NULL,
    owner      VARCHAR(64)  NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE plan_versions (
    plan_id     BIGINT      NOT NULL,
    version     INT         NOT NULL,
    uploaded_by VARCHAR(64) NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (plan_id, version),
    CONSTRAINT fk_plan_versions_plan FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- File names are compared byte for byte (utf8mb4_bin): on the agents "Data.csv" and "data.csv" are two files.
CREATE TABLE plan_version_files (
    plan_id  BIGINT                                           NOT NULL,
    version  INT                                              NOT NULL,
    position INT                                              NOT NULL,
    name     VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    main     BOOLEAN                                          NOT NULL,
    sha256   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin   NOT NULL,
    size     BIGINT                                           NOT NULL,
    PRIMARY KEY (plan_id, version, position),
    UNIQUE KEY uk_plan_version_files_name (plan_id, version, name),
    KEY ix_plan_version_files_sha256 (sha256),
    CONSTRAINT fk_plan_version_files_version FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version) ON DELETE CASCADE,
    CONSTRAINT fk_plan_version_files_content FOREIGN KEY (sha256) REFERENCES plan_file_contents (sha256)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
