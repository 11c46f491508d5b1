package io.loadstack.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ingest tokens: 32 random bytes shown once, stored as their SHA-256. A fast hash is right here (unlike
 * for passwords) because the token has 256 bits of entropy and is checked on every ingest request.
 */
public final class IngestTokenHash {

    public static final String PREFIX = "lst_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private IngestTokenHash() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The first characters, safe to show in lists so that a user can tell tokens apart. */
    public static String displayPrefix(String token) {
        return token.substring(0, Math.min(token.length(), PREFIX.length() + 6));
    }
}
