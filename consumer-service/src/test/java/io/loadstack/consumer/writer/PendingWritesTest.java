package io.loadstack.consumer.writer;

import io.loadstack.consumer.runs.Accumulator;
import io.loadstack.consumer.runs.EndpointKey;
import io.loadstack.consumer.runs.LiveRun;
import io.loadstack.consumer.runs.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingWritesTest {

    private static final EndpointKey CART = new EndpointKey("GET", "/cart");
    private static final EndpointKey CHECKOUT = new EndpointKey("POST", "/checkout");

    @Test
    void aLaterWriteOfARunTakesOverTheEndpointsOfTheUnwrittenEarlierOne() {
        PendingWrites pending = new PendingWrites();
        RunWrite earlier = write("a", 1, Map.of(CART, stats(10), CHECKOUT, stats(5)));
        earlier.errors().put(new LiveRun.ErrorKey("POST", "/checkout", "HTTP 503"), 4L);
        pending.add(new PendingWrites.Batch(1, List.of(earlier)));
        pending.add(new PendingWrites.Batch(2, List.of(write("a", 2, Map.of(CART, stats(30))))));

        List<PendingWrites.Batch> all = pending.takeAll();
        assertEquals(2, all.size());
        assertTrue(all.get(0).runs().get(0).isRecordsOnly(), "the earlier write keeps only its records");
        Map<EndpointKey, StoredStats> totals = all.get(1).runs().get(0).endpointTotals();
        assertEquals(30, totals.get(CART).requests(), "the newer total of /cart");
        assertEquals(5, totals.get(CHECKOUT).requests(), "/checkout, which only the earlier write carried");
        assertEquals(Map.of(new LiveRun.ErrorKey("POST", "/checkout", "HTTP 503"), 4L), all.get(1).runs().get(0).errors(),
                "and its error counts");
    }

    @Test
    void writesGivenBackAfterAFailedWriteAreTakenOverByTheOnesMadeMeanwhile() {
        PendingWrites pending = new PendingWrites();
        pending.add(new PendingWrites.Batch(1, List.of(write("a", 1, Map.of(CART, stats(10), CHECKOUT, stats(5))))));
        List<PendingWrites.Batch> taken = pending.takeAll();
        pending.add(new PendingWrites.Batch(2, List.of(write("a", 2, Map.of(CART, stats(30))))));
        pending.giveBack(taken);

        List<PendingWrites.Batch> all = pending.takeAll();
        assertEquals(List.of(1L, 2L), all.stream().map(PendingWrites.Batch::checkpointLsn).toList(), "journal order kept");
        assertTrue(all.get(0).runs().get(0).isRecordsOnly());
        Map<EndpointKey, StoredStats> totals = all.get(1).runs().get(0).endpointTotals();
        assertEquals(30, totals.get(CART).requests());
        assertEquals(5, totals.get(CHECKOUT).requests(), "the given-back write's /checkout is not lost");
    }

    @Test
    void writesOfOtherRunsAreLeftAlone() {
        PendingWrites pending = new PendingWrites();
        pending.add(new PendingWrites.Batch(1, List.of(write("a", 1, Map.of(CART, stats(10))))));
        pending.add(new PendingWrites.Batch(2, List.of(write("b", 2, Map.of(CHECKOUT, stats(7))))));

        List<PendingWrites.Batch> all = pending.takeAll();
        assertEquals(10, all.get(0).runs().get(0).endpointTotals().get(CART).requests());
        assertEquals(Map.of(CHECKOUT, all.get(1).runs().get(0).endpointTotals().get(CHECKOUT)), all.get(1).runs().get(0).endpointTotals());
    }

    private static StoredStats stats(long requests) {
        Accumulator data = new Accumulator();
        data.add(requests, 0, new long[] {20_000}, new long[] {requests});
        return StoredStats.of(data);
    }

    private static RunWrite write(String uuid, long lsn, Map<EndpointKey, StoredStats> endpoints) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new RunWrite(uuid, 1, "run " + uuid, "events", "loadgen-1", null, RunStatus.RUNNING, now, null, now,
                (int) lsn, now, 5, 5, Map.of(), false, null, null, null, lsn, stats(0), new TreeMap<>(endpoints), new HashMap<>(), Map.of(),
                List.of());
    }
}
