package io.loadstack.support.mfa;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryCodesTest {

    private final RecoveryCodes recoveryCodes = new RecoveryCodes();

    @Test
    void tenDistinctCodesWithoutLookAlikes() {
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 50; round++) {
            List<String> codes = recoveryCodes.generate();
            assertEquals(10, codes.size());
            assertEquals(10, new HashSet<>(codes).size());
            for (String code : codes) {
                assertTrue(code.matches("[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}"), code);
                assertTrue(seen.add(code), "never the same code twice: " + code);
            }
        }
    }

    @Test
    void theHashIgnoresCaseSpacesAndDashesAsTyped() {
        String hash = RecoveryCodes.hash("abcde-fghjk-mnpqr");
        assertEquals(64, hash.length());
        assertEquals(hash, RecoveryCodes.hash("ABCDE FGHJK MNPQR"));
        assertEquals(hash, RecoveryCodes.hash("abcdefghjkmnpqr"));
        assertNotEquals(hash, RecoveryCodes.hash("abcde-fghjk-mnpqs"));
    }
}
