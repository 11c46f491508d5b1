package io.loadstack.api.launches;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnicodeTextTest {

    @Test
    void controlCharactersAndUnpairedSurrogatesAreReplacedAndPairsKept() {
        assertEquals("a b\tc", UnicodeText.clean("a\u0000b\tc"));
        assertEquals("x\uFFFDy", UnicodeText.clean("x\uD800y"));
        assertEquals("\uD83D\uDE00 ok", UnicodeText.clean("\uD83D\uDE00 ok"));
        assertEquals("\uFFFD", UnicodeText.clean("\uDE00"));
        assertTrue(UnicodeText.isClean("plain"));
        assertFalse(UnicodeText.isClean("broken\uDBFF"));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        assertEquals("ab…", UnicodeText.cut("ab\uD83D\uDE00cd", 4));
        assertEquals("abc…", UnicodeText.cut("abcdef", 4));
        assertEquals("abc", UnicodeText.cut("abc", 4));
    }
}
