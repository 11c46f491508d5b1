package io.loadstack.consumer.runs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeqWindowTest {

    @Test
    void eachSeqCountsOnceEvenOutOfOrder() {
        SeqWindow window = new SeqWindow();
        assertTrue(window.firstTime(5));
        assertTrue(window.firstTime(3));
        assertTrue(window.firstTime(9));
        assertFalse(window.firstTime(5));
        assertFalse(window.firstTime(3));
        assertFalse(window.firstTime(9));
        assertTrue(window.firstTime(4));
    }

    @Test
    void theWindowSurvivesARestore() {
        SeqWindow window = new SeqWindow();
        for (long seq = 0; seq < 100; seq += 2) {
            window.firstTime(seq);
        }
        SeqWindow restored = SeqWindow.restore(window.max(), window.bits());
        assertFalse(restored.firstTime(50));
        assertTrue(restored.firstTime(51));
    }

    @Test
    void farOlderThanTheWindowCountsAsSeen() {
        SeqWindow window = new SeqWindow();
        window.firstTime(10_000);
        assertFalse(window.firstTime(1));
        assertTrue(window.firstTime(9_999));
    }
}
