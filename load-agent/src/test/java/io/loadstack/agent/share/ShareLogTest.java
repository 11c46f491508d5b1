package io.loadstack.agent.share;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShareLogTest {

    private final ShareLog log = new ShareLog();

    @Test
    void aReportTakesAtMost50LinesOfAtMost500Characters() {
        for (int i = 0; i < 120; i++) {
            log.add("line " + i);
        }
        log.add("x".repeat(2_000));
        List<String> first = log.take();
        assertEquals(50, first.size());
        assertEquals("line 0", first.get(0));
        assertEquals(50, log.take().size());
        List<String> last = log.take();
        assertEquals(21, last.size());
        assertEquals(500, last.get(20).length());
        assertTrue(log.isEmpty());
    }

    @Test
    void linesAFailedReportDidNotDeliverGoFirstWithTheNext() {
        log.add("a");
        log.add("b");
        List<String> lost = log.take();
        log.add("c");
        log.putBack(lost);
        assertEquals(List.of("a", "b", "c"), log.take());
    }

    @Test
    void pastTheWaitingLimitTheOldestAreDroppedAndCounted() {
        for (int i = 0; i < ShareLog.MAX_WAITING + 5; i++) {
            log.add("line " + i);
        }
        List<String> first = log.take();
        assertEquals("(5 log lines dropped while Loadstack could not be reached)", first.get(0));
        assertEquals("line 5", first.get(1));
    }
}
