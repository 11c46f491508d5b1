-- The second factor (README "Second factor", docs/security.md "Second factor"). Read and written by every
-- service that signs people in (service-support's io.loadstack.support.mfa), so the api-service and the health
-- dashboard agree.

-- One TOTP secret per user, AES-GCM encrypted with LOADSTACK_MFA_KEY (never the JWT secret). confirmed_at is
-- NULL while an enrollment waits for its first code; only a confirmed factor is asked for at sign-in.
-- last_used_step is the RFC 6238 time step of the last code accepted: a code is taken only by an UPDATE that
-- raises it, so a code works once even when two replicas check it at the same moment.
CREATE TABLE user_second_factors (
    user_id        BIGINT         NOT NULL,
    secret         VARBINARY(128) NOT NULL,
    created_at     DATETIME(3)    NOT NULL,
    confirmed_at   DATETIME(3)    NULL,
    last_used_step BIGINT         NOT NULL DEFAULT -1,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_user_second_factors_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Ten per confirmed factor, SHA-256 of the code (random, 75 bits), each good for one sign-in.
CREATE TABLE mfa_recovery_codes (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    user_id    BIGINT      NOT NULL,
    code_hash  CHAR(64)    NOT NULL,
    created_at DATETIME(3) NOT NULL,
    used_at    DATETIME(3) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_mfa_recovery_codes (user_id, code_hash),
    CONSTRAINT fk_mfa_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The step between the password and the code (the mfa_token), SHA-256 of the token: short-lived, used once,
-- good on any replica. purpose: SIGN_IN (the user has a factor) or ENROLL (policy requires one, none yet).
CREATE TABLE mfa_challenges (
    token_hash      CHAR(64)    NOT NULL,
    user_id         BIGINT      NOT NULL,
    purpose         VARCHAR(16) NOT NULL,
    created_at      DATETIME(3) NOT NULL,
    expires_at      DATETIME(3) NOT NULL,
    failed_attempts INT         NOT NULL DEFAULT 0,
    used_at         DATETIME(3) NULL,
    PRIMARY KEY (token_hash),
    KEY ix_mfa_challenges_expires (expires_at),
    CONSTRAINT fk_mfa_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who must have a second factor: NONE, ADMINS or EVERYONE. One row.
CREATE TABLE mfa_policy (
    id          TINYINT      NOT NULL,
    requirement VARCHAR(16)  NOT NULL,
    changed_at  DATETIME(3)  NOT NULL,
    changed_by  VARCHAR(64)  NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO mfa_policy (id, requirement, changed_at, changed_by) VALUES (1, 'NONE', UTC_TIMESTAMP(3), NULL);
