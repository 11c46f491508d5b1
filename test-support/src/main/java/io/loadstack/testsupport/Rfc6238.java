package io.loadstack.testsupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

/**
 * TOTP codes for tests, written from RFC 6238 and RFC 4226 with nothing but {@code javax.crypto}, so that the
 * tests check the services' codes (made with a library) against a second, independent implementation. Checked
 * against the RFC's own reference values (Rfc6238Test in api-service).
 */
public final class Rfc6238 {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Rfc6238() {
    }

    /** The 6-digit, 30-second, HMAC-SHA1 code of a Base32 secret at an instant: what an authenticator app shows. */
    public static String code(String base32Secret, Instant at) {
        return code(base32Decode(base32Secret), at.getEpochSecond(), 30, 6);
    }

    /** RFC 6238 section 4: T = floor(unix time / step), then HOTP (RFC 4226 section 5.3) of T. */
    public static String code(byte[] key, long unixSeconds, int stepSeconds, int digits) {
        long counter = Math.floorDiv(unixSeconds, stepSeconds);
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = (int) Math.pow(10, digits);
        return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
    }

    /** RFC 4648 Base32, padding and case ignored. */
    public static byte[] base32Decode(String text) {
        String clean = text.replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
