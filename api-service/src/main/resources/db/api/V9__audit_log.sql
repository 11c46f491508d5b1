-- The audit log (docs/security.md, "The audit log"): who did what, when, from where. Written by every service
-- that signs people in (service-support's AuditTrail), read by admins through GET /api/audit, and purged after
-- loadstack.audit.retention (LOADSTACK_AUDIT_RETENTION, 400 days by default). detail is a JSON object that
-- never holds a secret. actor: a username, the username a failed sign-in named, or agent:<name>.
CREATE TABLE audit_log (
    id       BIGINT        NOT NULL AUTO_INCREMENT,
    at       DATETIME(3)   NOT NULL,
    actor    VARCHAR(128)  NOT NULL,
    address  VARCHAR(64)   NULL,
    action   VARCHAR(48)   NOT NULL,
    detail   TEXT          NOT NULL,
    PRIMARY KEY (id),
    KEY ix_audit_log_at (at),
    KEY ix_audit_log_actor (actor, at),
    KEY ix_audit_log_action (action, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
