package io.loadstack.testsupport.hostile;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Authorization headers a client should never get past with, or that carry a valid credential of the
 * wrong kind: none, garbage, expired or foreign-signed JWTs, {@code alg: none}, claims of the wrong type,
 * ingest tokens where a login is wanted and the reverse, and oversized values.
 *
 * @param jwtSecret   the services' shared HS256 secret, to sign tokens that pass the signature check
 * @param username    an existing user, the subject of the signed tokens
 * @param validJwt    a JWT from a real login (the "other kind" for ingest routes)
 * @param ingestToken a live ingest token (the "other kind" for login routes); null where none exists
 */
public record HostileTokens(String jwtSecret, String username, String validJwt, String ingestToken) {

    /** A labelled Authorization header value; null value means the header is left out. */
    public record Variant(String label, String header) {
    }

    public static HostileTokens of(String jwtSecret, String username, String validJwt, String ingestToken) {
        return new HostileTokens(jwtSecret, username, validJwt, ingestToken);
    }

    /** The header a valid caller of this route sends; null when it needs none. */
    String valid(Route.Auth auth) {
        return switch (auth) {
            case ANONYMOUS, JWT_QUERY -> null;
            case JWT -> "Bearer " + validJwt;
            case INGEST_TOKEN -> "Token " + ingestToken;
        };
    }

    /** Every wrong Authorization header for a route needing this kind of credential. */
    List<Variant> hostile(Route.Auth auth) {
        long now = Instant.now().getEpochSecond();
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("no Authorization header", null),
                new Variant("empty Authorization", ""),
                new Variant("scheme only: Bearer", "Bearer"),
                new Variant("scheme only: Token", "Token"),
                new Variant("Bearer and spaces", "Bearer    "),
                new Variant("Bearer garbage", "Bearer garbage"),
                new Variant("Bearer three empty parts", "Bearer .."),
                new Variant("Bearer a.b.c", "Bearer a.b.c"),
                new Variant("Bearer non-base64 parts", "Bearer !!!.@@@.###"),
                new Variant("Basic not base64", "Basic %%%"),
                new Variant("Basic without colon", "Basic " + b64("no-colon")),
                new Variant("Basic empty", "Basic "),
                new Variant("unknown scheme", "Digest username=\"x\""),
                new Variant("token of 10,000 chars", "Bearer " + "A".repeat(10_000)),
                new Variant("ingest-like token of 10,000 chars", "Token lst_" + "A".repeat(10_000)),
                new Variant("raw UTF-8 in the header", "Bearer \u00e9\u00e8\u263a"),
                new Variant("JWT expired an hour ago", "Bearer " + signed(claims(username, "[\"ADMIN\",\"USER\"]", now - 7200, now - 3600, null))),
                new Variant("JWT signed with another secret", "Bearer " + sign(claims(username, "[\"ADMIN\"]", now, now + 3600, null),
                        "another-secret-that-is-long-enough-for-hs256-987654")),
                new Variant("JWT alg none", "Bearer " + b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                        + b64url(claims(username, "[\"ADMIN\"]", now, now + 3600, null)) + "."),
                new Variant("JWT not valid before next year", "Bearer " + signed(claims(username, "[\"ADMIN\"]", now, now + 3600, now + 31_536_000L))),
                new Variant("JWT roles a string", "Bearer " + signed(claims(username, "\"ADMIN\"", now, now + 3600, null))),
                new Variant("JWT roles a number", "Bearer " + signed(claims(username, "42", now, now + 3600, null))),
                new Variant("JWT roles an object", "Bearer " + signed(claims(username, "{\"a\":[1]}", now, now + 3600, null))),
                new Variant("JWT roles deeply nested", "Bearer " + signed(claims(username, "[".repeat(500) + "]".repeat(500), now, now + 3600, null))),
                new Variant("JWT without sub", "Bearer " + signed("{\"roles\":[\"ADMIN\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}")),
                new Variant("JWT sub of an unknown user", "Bearer " + signed(claims("nobody-" + now, "[\"ADMIN\"]", now, now + 3600, null))),
                new Variant("JWT sub a number", "Bearer " + signed("{\"sub\":12345,\"roles\":[\"ADMIN\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}")),
                new Variant("JWT sub with NUL and RTL", "Bearer " + signed(claims("a\\u0000b\\u202e", "[\"ADMIN\"]", now, now + 3600, null))),
                new Variant("JWT exp beyond Long", "Bearer " + signed("{\"sub\":\"" + username + "\",\"roles\":[\"ADMIN\"],\"exp\":9223372036854775808}")),
                new Variant("JWT exp a string", "Bearer " + signed("{\"sub\":\"" + username + "\",\"roles\":[\"ADMIN\"],\"exp\":\"tomorrow\"}")),
                new Variant("JWT claims not JSON", "Bearer " + b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64url("not json") + ".c2ln"),
                new Variant("JWT prefix with a JWT of the wrong secret", "JWT " + sign(claims(username, "[\"ADMIN\"]", now, now + 3600, null), "x".repeat(40)))));
        if (auth == Route.Auth.INGEST_TOKEN) {
            variants.add(new Variant("login JWT where an ingest token is wanted (Token)", "Token " + validJwt));
            variants.add(new Variant("login JWT where an ingest token is wanted (Bearer)", "Bearer " + validJwt));
            variants.add(new Variant("unknown ingest token", "Token lst_" + "0".repeat(40)));
            variants.add(new Variant("ingest token with trailing garbage", "Token " + ingestToken + "\u00ff"));
            variants.add(new Variant("ingest token in Basic as user only", "Basic " + b64(ingestToken)));
        } else if (ingestToken != null) {
            variants.add(new Variant("ingest token where a login is wanted (Bearer)", "Bearer " + ingestToken));
            variants.add(new Variant("ingest token where a login is wanted (Token)", "Token " + ingestToken));
        }
        return variants;
    }

    /** Tokens for the {@code ?token=} of websocket upgrades, already URL-safe. */
    List<Variant> hostileQueryTokens() {
        long now = Instant.now().getEpochSecond();
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("no token", null),
                new Variant("empty token", ""),
                new Variant("garbage token", "garbage"),
                new Variant("token %00", "%00"),
                new Variant("token invalid escape", "%zz"),
                new Variant("token of 3,000 chars", "A".repeat(3_000)),
                new Variant("expired JWT", signed(claims(username, "[\"ADMIN\"]", now - 7200, now - 3600, null))),
                new Variant("JWT of another secret", sign(claims(username, "[\"ADMIN\"]", now, now + 3600, null), "y".repeat(40))),
                new Variant("JWT roles a number", signed(claims(username, "42", now, now + 3600, null)))));
        if (ingestToken != null) {
            variants.add(new Variant("ingest token instead of a login", ingestToken));
        }
        return variants;
    }

    /** A login JWT as the services issue it, signed with {@code secret}, valid for an hour. */
    public static String loginJwt(String secret, String username, String... roles) {
        long now = Instant.now().getEpochSecond();
        return sign(claims(username, "[\"" + String.join("\",\"", roles) + "\"]", now, now + 3600, null), secret);
    }

    private static String claims(String sub, String rolesJson, long iat, long exp, Long nbf) {
        return "{\"sub\":\"" + sub + "\",\"roles\":" + rolesJson + ",\"iat\":" + iat + ",\"exp\":" + exp
                + (nbf == null ? "" : ",\"nbf\":" + nbf) + "}";
    }

    private String signed(String claimsJson) {
        return sign(claimsJson, jwtSecret);
    }

    /** An HS256 JWT of these claims, signed with {@code secret}. */
    public static String sign(String claimsJson, String secret) {
        String signingInput = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64url(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
