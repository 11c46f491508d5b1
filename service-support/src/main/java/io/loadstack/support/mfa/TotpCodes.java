package io.loadstack.support.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import jakarta.inject.Singleton;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * RFC 6238 codes as every authenticator app makes them by default: HMAC-SHA1, 6 digits, 30-second steps. A code is
 * accepted for the step it belongs to and one step either side, so a phone's clock a little off and the seconds
 * spent typing do not matter; that it is used only once is the caller's part (the step it matched is stored).
 */
@Singleton
public class TotpCodes {

    public static final int DIGITS = 6;
    public static final Duration STEP = Duration.ofSeconds(30);
    /** 160 bits: the length RFC 4226 recommends for HMAC-SHA1. */
    static final int SECRET_BYTES = 20;
    private static final Pattern CODE = Pattern.compile("[0-9]{" + DIGITS + "}");

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS,
            TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public TotpCodes() {
        this(Clock.systemUTC());
    }

    TotpCodes(Clock clock) {
        this.clock = clock;
    }

    public byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** The secret as people type it into an app: Base32, no padding. */
    public static String base32(byte[] secret) {
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** The otpauth:// URI authenticator apps read from the QR code (Google Authenticator's key URI format). */
    public static String otpauthUri(String issuer, String username, byte[] secret) {
        String label = encode(issuer) + ":" + encode(username);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    /** True for something shaped like a TOTP code (six digits), as opposed to a recovery code. */
    public static boolean looksLikeCode(String candidate) {
        return CODE.matcher(candidate).matches();
    }

    /** @return the time step the code belongs to (now, or one step either side), if it is right */
    public OptionalLong matchingStep(byte[] secret, String code) {
        if (!looksLikeCode(code)) {
            return OptionalLong.empty();
        }
        long now = stepAt(clock.instant());
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        // The latest step first: a code right on two steps (one in a million) counts as the later, never replayable.
        for (long step = now + 1; step >= now - 1; step--) {
            byte[] expected = codeAt(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    public static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP.toSeconds());
    }

    String codeAt(byte[] secret, long step) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, "RAW"),
                    Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a TOTP secret of " + secret.length + " bytes is not a usable key", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
