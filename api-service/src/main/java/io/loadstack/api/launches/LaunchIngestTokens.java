package io.loadstack.api.launches;

import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.support.security.JwtSettings;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The ingest token a launch's agents post with (docs/launches.md, "Who owns what"). Its secret is
 * HMAC-SHA256 of the shared JWT secret over the launch's id and a random salt kept in the launch's row,
 * shaped like every other ingest token: any replica can derive it for an agent, and MySQL holds only its
 * hash, as for every token.
 */
@Singleton
class LaunchIngestTokens {

    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    LaunchIngestTokens(JwtSettings jwt) {
        if (jwt.secret() == null || jwt.secret().isEmpty()) {
            throw new IllegalStateException("LOADSTACK_JWT_SECRET is not set: launch ingest tokens are derived from it");
        }
        this.key = jwt.secret().getBytes(StandardCharsets.UTF_8);
    }

    static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    String secret(long launchId, String salt) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            byte[] digest = mac.doFinal(("launch:" + launchId + ":" + salt).getBytes(StandardCharsets.UTF_8));
            return IngestTokenHash.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
