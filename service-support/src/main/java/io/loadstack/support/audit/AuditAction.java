package io.loadstack.support.audit;

/**
 * What an audit row records. The name is stored as it is and is what {@code GET /api/audit?action=} filters on.
 */
public enum AuditAction {
    SIGN_IN,
    SIGN_IN_FAILED,
    MFA_ENROLLED,
    MFA_DISABLED,
    MFA_RESET,
    MFA_RECOVERY_CODE_USED,
    MFA_POLICY_CHANGED,
    INGEST_TOKEN_CREATED,
    INGEST_TOKEN_REVOKED,
    AGENT_TOKEN_CREATED,
    AGENT_TOKEN_REVOKED,
    USER_CREATED,
    USER_CHANGED,
    USER_DELETED,
    PASSWORD_CHANGED,
    PLAN_UPLOADED,
    PLAN_DELETED,
    LAUNCH_STARTED,
    LAUNCH_STOPPED,
    RUN_DELETED,
    ALLOWED_TARGETS_CHANGED
}
