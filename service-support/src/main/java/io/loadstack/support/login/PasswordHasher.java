package io.loadstack.support.login;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** bcrypt at the cost {@link PasswordHashSettings} names. */
@Singleton
public class PasswordHasher {

    /** bcrypt reads at most 72 bytes; longer passwords are refused instead of silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** A hash of a random value, so that an unknown username costs as much time as a wrong password. */
    private final String dummyHash;
    private final int cost;

    public PasswordHasher(PasswordHashSettings settings) {
        this.cost = settings.bcryptCost();
        this.dummyHash = hash("no-such-user-" + System.nanoTime());
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    public void burnTimeOfOneCheck(String password) {
        matches(password, dummyHash);
    }
}
