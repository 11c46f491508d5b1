package io.loadstack.consumer.runs;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of runs registered, fed and committed through the real HTTP API of an in-JVM consumer on
 * MariaDB: what the recorder holds stays bounded by its setting, no call fails, and a late post to a run it
 * has long forgotten is still refused as finished (409), from MySQL.
 */
class ManyFinishedRunsTest extends ConsumerServerTest {

    private static final int RUNS = 3000;
    private static final int KEEP = 100;

    @Override
    protected void configure(Map<String, Object> properties) {
        properties.put("loadstack.keep-finished-runs", String.valueOf(KEEP));
    }

    @Test
    void finishedRunsDoNotPileUpInMemory() throws Exception {
        RunRecorder recorder = bean(RunRecorder.class);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        List<String> firstRuns = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> done = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            done.add(clients.submit(() -> {
                String uuid = register("{\"testName\": \"many\"}");
                HttpCall.Response stats = stats(uuid, "{\"source\": \"g\", \"seq\": 0, \"users\": 2, "
                        + "\"endpoints\": [{\"method\": \"GET\", \"name\": \"/cart\", \"requests\": 10, \"failures\": 1, "
                        + "\"responseTimes\": {\"12\": 6, \"40\": 4}, \"errors\": {\"HTTPError 500\": 1}}]}");
                HttpCall.Response commit = commit(uuid);
                if (stats.status() != 202 || commit.status() != 200) {
                    failures.incrementAndGet();
                }
                mostHeld.accumulateAndGet(recorder.heldRuns(), Math::max);
                return uuid;
            }));
        }
        for (Future<String> run : done) {
            String uuid = run.get(5, TimeUnit.MINUTES);
            if (firstRuns.size() < 10) {
                firstRuns.add(uuid);
            }
        }
        clients.shutdown();

        assertEquals(0, failures.get(), "every stats and commit answered as usual");
        assertEquals(0, recorder.runningCount());
        // Clients in flight hold a run each before it finishes; the finished ones are capped.
        assertTrue(mostHeld.get() <= KEEP + 4 + 4, "the recorder held up to " + mostHeld.get() + " runs");
        assertTrue(recorder.heldRuns() <= KEEP, "held after all: " + recorder.heldRuns());
        assertEquals(((Number) database.row("SELECT COUNT(*) AS n FROM runs WHERE status = 'COMPLETED'").get("n")).intValue(), RUNS);

        String forgotten = firstRuns.get(0);
        assertTrue(recorder.find(forgotten).isEmpty(), "the first run is no longer held");
        HttpCall.Response late = stats(forgotten, "{\"source\": \"g\", \"seq\": 1, \"endpoints\": []}");
        assertEquals(409, late.status(), late.toString());
        assertEquals(409, commit(forgotten).status());
    }
}
