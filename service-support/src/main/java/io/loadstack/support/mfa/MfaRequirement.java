package io.loadstack.support.mfa;

/** Who must have a second factor before signing in: set by admins ({@code PUT /api/mfa-policy}). */
public enum MfaRequirement {
    NONE,
    ADMINS,
    EVERYONE;

    public boolean appliesTo(String role) {
        return this == EVERYONE || this == ADMINS && "ADMIN".equals(role);
    }
}
