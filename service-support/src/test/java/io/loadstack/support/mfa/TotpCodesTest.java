package io.loadstack.support.mfa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotpCodesTest {

    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B, SHA-1, the last six of its eight digits (what 6-digit apps show). */
    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
            "2000000000, 279037", "20000000000, 353130"})
    void codesAreTheRfcReferenceValues(long unixSeconds, String expected) {
        TotpCodes codes = at(unixSeconds);
        assertEquals(expected, codes.codeAt(RFC_SEED, TotpCodes.stepAt(Instant.ofEpochSecond(unixSeconds))));
        assertEquals(OptionalLong.of(unixSeconds / 30), codes.matchingStep(RFC_SEED, expected));
    }

    @Test
    void aCodeIsTakenOneStepEitherSideAndNoFurther() {
        long now = 1_234_567_890L;
        TotpCodes codes = at(now);
        long step = now / 30;
        for (long offset = -1; offset <= 1; offset++) {
            assertEquals(OptionalLong.of(step + offset), codes.matchingStep(RFC_SEED, codes.codeAt(RFC_SEED, step + offset)));
        }
        assertTrue(codes.matchingStep(RFC_SEED, codes.codeAt(RFC_SEED, step - 2)).isEmpty(), "a minute old");
        assertTrue(codes.matchingStep(RFC_SEED, codes.codeAt(RFC_SEED, step + 2)).isEmpty(), "a minute ahead");
    }

    @Test
    void onlySixDigitsLookLikeACode() {
        assertTrue(TotpCodes.looksLikeCode("012345"));
        for (String other : new String[] {"12345", "1234567", "12345a", " 12345", "abcde-fghjk-mnpqr", "١٢٣٤٥٦"}) {
            assertFalse(TotpCodes.looksLikeCode(other), other);
            assertTrue(at(59).matchingStep(RFC_SEED, other).isEmpty(), other);
        }
    }

    @Test
    void theUriCarriesTheSecretInBase32AndTheSettingsAppsRead() {
        String uri = TotpCodes.otpauthUri("Loadstack", "jane doe@example", RFC_SEED);
        assertEquals("otpauth://totp/Loadstack:jane%20doe%40example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Loadstack&algorithm=SHA1&digits=6&period=30", uri);
        assertEquals(20, new TotpCodes().newSecret().length);
    }

    private static TotpCodes at(long unixSeconds) {
        return new TotpCodes(Clock.fixed(Instant.ofEpochSecond(unixSeconds), ZoneOffset.UTC));
    }
}
