package io.loadstack.support.mfa;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The ten codes a user keeps on paper for the day the phone is gone: each {@value #GROUPS} groups of
 * {@value #GROUP_LENGTH} characters from an alphabet without look-alikes (about 74 random bits), shown once and
 * stored as SHA-256. With that much randomness a plain hash is enough; a slow hash would only slow sign-in down.
 */
@Singleton
public class RecoveryCodes {

    public static final int COUNT = 10;
    static final int GROUPS = 3;
    static final int GROUP_LENGTH = 5;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();

    public List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        while (codes.size() < COUNT) {
            StringBuilder code = new StringBuilder();
            for (int group = 0; group < GROUPS; group++) {
                if (group > 0) {
                    code.append('-');
                }
                for (int i = 0; i < GROUP_LENGTH; i++) {
                    code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            if (!codes.contains(code.toString())) {
                codes.add(code.toString());
            }
        }
        return codes;
    }

    /** The stored form: case, spaces and dashes as typed do not matter. */
    public static String hash(String code) {
        String normalized = code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
