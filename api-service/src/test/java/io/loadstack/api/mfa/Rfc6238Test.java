package io.loadstack.api.mfa;

import io.loadstack.testsupport.Rfc6238;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tests' own TOTP (test-support's Rfc6238) gives the reference values of RFC 6238, appendix B (SHA-1). */
class Rfc6238Test {

    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void givesTheReferenceValuesOfTheRfc(long unixSeconds, String expected) {
        assertEquals(expected, Rfc6238.code(RFC_SEED, unixSeconds, 30, 8));
        assertEquals(expected.substring(2), Rfc6238.code(RFC_SEED, unixSeconds, 30, 6));
    }

    @ParameterizedTest
    @CsvSource({"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ, 12345678901234567890", "MZXW6YTBOI, foobar", "MZXW6===, foo"})
    void decodesBase32AsRfc4648Does(String base32, String plain) {
        assertArrayEquals(plain.getBytes(StandardCharsets.US_ASCII), Rfc6238.base32Decode(base32));
    }
}
