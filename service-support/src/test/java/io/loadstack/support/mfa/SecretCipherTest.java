package io.loadstack.support.mfa;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretCipherTest {

    private static final String KEY = "a-key-for-these-tests-that-is-long-enough-0123456789";
    private final SecretCipher cipher = cipher(KEY);
    private final byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSealedSecretOpensForItsUser() {
        byte[] sealed = cipher.seal(secret, 7);
        assertArrayEquals(secret, cipher.open(sealed, 7));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("1234567890"), "not stored in clear");
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        assertFalse(java.util.Arrays.equals(cipher.seal(secret, 7), cipher.seal(secret, 7)), "a fresh nonce each time");
    }

    @Test
    void anotherUsersRowAnotherKeyOrAChangedByteDoNotOpen() {
        byte[] sealed = cipher.seal(secret, 7);
        assertThrows(UnreadableSecretException.class, () -> cipher.open(sealed, 8), "copied onto another user");
        assertThrows(UnreadableSecretException.class,
                () -> cipher("another-key-that-is-also-long-enough-0123456789").open(sealed, 7));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(UnreadableSecretException.class, () -> cipher.open(tampered, 7));
        assertThrows(UnreadableSecretException.class, () -> cipher.open(new byte[3], 7));
    }

    @Test
    void aMissingOrShortKeyIsRefusedWithHowToMakeOne() {
        String missing = MfaKeyCheck.problemWith(null);
        assertNotNull(missing);
        assertTrue(missing.contains("LOADSTACK_MFA_KEY is not set") && missing.contains("openssl rand"), missing);
        assertTrue(MfaKeyCheck.problemWith("short").contains("at least 32"));
        assertNull(MfaKeyCheck.problemWith(KEY));
        assertThrows(IllegalStateException.class, () -> cipher(" "));
    }

    private static SecretCipher cipher(String key) {
        return new SecretCipher(new MfaSettings(key, "Loadstack", Duration.ofMinutes(5), 10));
    }
}
