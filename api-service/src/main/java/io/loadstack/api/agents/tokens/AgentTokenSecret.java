package io.loadstack.api.agents.tokens;

import io.loadstack.support.security.IngestTokenHash;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret of an agent token: {@code lsa_} and 32 random bytes in base64url. Stored as its SHA-256 (the
 * same reasoning as for ingest tokens: 256 bits of entropy need no slow hash, and it is checked on every
 * heartbeat). The prefix tells it apart from an ingest token ({@code lst_}) at a glance.
 */
public final class AgentTokenSecret {

    public static final String PREFIX = "lsa_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SHOWN_CHARACTERS = PREFIX.length() + 6;

    private AgentTokenSecret() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        return IngestTokenHash.hash(secret);
    }

    /** The first characters, safe to show in lists so that an admin can tell tokens apart. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), SHOWN_CHARACTERS));
    }

    public static boolean looksLikeOne(String candidate) {
        return candidate.startsWith(PREFIX);
    }
}
