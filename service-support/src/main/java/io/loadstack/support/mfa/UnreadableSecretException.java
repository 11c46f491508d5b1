package io.loadstack.support.mfa;

/**
 * A stored TOTP secret that does not decrypt: {@code LOADSTACK_MFA_KEY} changed since it was stored, or the row was
 * tampered with. Not the client's fault, so it stays a 500, logged; an admin resets the user's factor.
 */
public final class UnreadableSecretException extends RuntimeException {

    UnreadableSecretException(long userId) {
        super("the second-factor secret of user " + userId + " does not decrypt with LOADSTACK_MFA_KEY"
                + " (was the key changed?); an admin can reset that user's second factor");
    }
}
