package io.loadstack.support.login;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** bcrypt, cost 10: about 50 ms a check on a small server, slow for an attacker, fine for a login. */
@Singleton
public class PasswordHasher {

    private static final int COST = 10;
    /** bcrypt reads at most 72 bytes; longer passwords are refused instead of silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** A hash of a random value, so that an unknown username costs as much time as a wrong password. */
    private final String dummyHash = hash("no-such-user-" + System.nanoTime());

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
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
