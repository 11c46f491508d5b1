package io.loadstack.consumer.runs;

import io.loadstack.consumer.writer.PendingWrites;
import io.loadstack.consumer.writer.RunWrite;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runs' rules, without HTTP or a database: events in journal order, answers and writes out. */
class RunStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final PendingWrites pending = new PendingWrites();
    private final RunRecorder recorder = new RunRecorder(pending,
            new RunSettings(Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofMinutes(10), 3),
            new InfluxRunSettings(Duration.ofSeconds(60)), new GatlingRunSettings(Duration.ofSeconds(30)));
    private long lsn;

    private Outcome apply(RunEvent event) {
        return recorder.apply(++lsn, event);
    }

    private String register(String uuid, Instant at) {
        assertEquals(Outcome.ACCEPTED, apply(new RunEvent.Registered(uuid, ALICE, at, at, "test", "events", "loadgen-1",
                null, Map.of(), null, null)));
        return uuid;
    }

    private static RunEvent.Stats stats(String uuid, long owner, Instant at, String source, Long seq, long requests) {
        return new RunEvent.Stats(uuid, owner, at, source, seq, 5,
                List.of(new RunEvent.EndpointDelta("GET", "/cart", requests, 0, new long[]{20_000}, new long[]{requests}, null)));
    }

    private static RunEvent.Committed commit(String uuid, long owner, Instant at) {
        return new RunEvent.Committed(uuid, owner, at, at, null);
    }

    private List<RunWrite> writes() {
        return pending.takeAll().stream().flatMap(batch -> batch.runs().stream()).toList();
    }

    private static RunWrite.IntervalRecord runRecord(RunWrite write) {
        return write.records().stream().filter(r -> r.endpoint().equals(EndpointKey.RUN)).findFirst().orElseThrow();
    }

    @Test
    void registerStatsCommitCompletesTheRunWithItsCounts() {
        String run = register("r1", T0);
        assertEquals(Outcome.ACCEPTED, apply(stats(run, ALICE, T0.plusSeconds(5), "gen", 0L, 100)));
        assertEquals(Outcome.ACCEPTED, apply(commit(run, ALICE, T0.plusSeconds(6))));
        List<RunWrite> writes = writes();
        RunWrite last = writes.get(writes.size() - 1);
        assertEquals(RunStatus.COMPLETED, last.status());
        assertEquals(100, last.runTotal().requests());
        assertEquals(RunStatus.COMPLETED, recorder.find(run).orElseThrow().status());
    }

    @Test
    void aRegisterNamingARunningRunJoinsItAndChangesNothing() {
        String run = register("r1", T0);
        apply(stats(run, ALICE, T0.plusSeconds(1), "agent-1", 0L, 10));
        writes();
        RunEvent.Registered join = new RunEvent.Registered(run, ALICE, T0.plusSeconds(2), T0.plusSeconds(2), "other name",
                "events", "agent-2", null, Map.of(), null, null);
        assertEquals(Outcome.DUPLICATE, apply(join));
        assertTrue(writes().isEmpty(), "a join writes nothing");
        assertEquals(Outcome.FORBIDDEN, apply(new RunEvent.Registered(run, BOB, T0.plusSeconds(3), T0.plusSeconds(3), "x",
                "events", "agent-3", null, Map.of(), null, null)));
        apply(commit(run, ALICE, T0.plusSeconds(4)));
        assertEquals(Outcome.FINISHED, apply(join));
    }

    @Test
    void aReplayedRegisterOfARunOnlyMySqlRemembersDoesNotReopenIt() {
        // a join journaled just before its run finished, and replayed after a checkpoint beyond that end
        recorder.replayingWith(uuid -> uuid.equals("gone") ? java.util.Optional.of(new RunState(ALICE, RunStatus.COMPLETED))
                : java.util.Optional.empty());
        assertEquals(Outcome.FINISHED, apply(new RunEvent.Registered("gone", ALICE, T0, T0, "x", "events", "agent-1", null, Map.of(), null, null)));
        assertEquals(Outcome.FORBIDDEN, apply(new RunEvent.Registered("gone", BOB, T0, T0, "x", "events", "agent-1", null, Map.of(), null, null)));
        assertTrue(recorder.find("gone").isEmpty(), "not reopened");
        recorder.replayed();
        register("new", T0);
    }

    @Test
    void commitTwiceIsRefused() {
        String run = register("r1", T0);
        assertEquals(Outcome.ACCEPTED, apply(commit(run, ALICE, T0.plusSeconds(1))));
        assertEquals(Outcome.FINISHED, apply(commit(run, ALICE, T0.plusSeconds(2))));
    }

    @Test
    void statsAfterCommitAreRefused() {
        String run = register("r1", T0);
        apply(commit(run, ALICE, T0.plusSeconds(1)));
        assertEquals(Outcome.FINISHED, apply(stats(run, ALICE, T0.plusSeconds(2), "gen", 0L, 10)));
    }

    @Test
    void anotherOwnersStatsAndCommitAreRefused() {
        String run = register("r1", T0);
        assertEquals(Outcome.FORBIDDEN, apply(stats(run, BOB, T0.plusSeconds(1), "gen", 0L, 10)));
        assertEquals(Outcome.FORBIDDEN, apply(commit(run, BOB, T0.plusSeconds(1))));
        assertEquals(RunStatus.RUNNING, recorder.find(run).orElseThrow().status());
    }

    @Test
    void statsForAnUnknownRunAreNotFound() {
        assertEquals(Outcome.NOT_FOUND, apply(stats("nope", ALICE, T0, "gen", 0L, 10)));
        assertEquals(Outcome.NOT_FOUND, apply(commit("nope", ALICE, T0)));
    }

    @Test
    void aRepeatedSeqIsCountedOnce() {
        String run = register("r1", T0);
        assertEquals(Outcome.ACCEPTED, apply(stats(run, ALICE, T0.plusSeconds(1), "gen", 7L, 10)));
        assertEquals(Outcome.DUPLICATE, apply(stats(run, ALICE, T0.plusSeconds(2), "gen", 7L, 10)));
        assertEquals(Outcome.ACCEPTED, apply(stats(run, ALICE, T0.plusSeconds(2), "other", 7L, 10)));
        apply(commit(run, ALICE, T0.plusSeconds(3)));
        List<RunWrite> writes = writes();
        assertEquals(20, writes.get(writes.size() - 1).runTotal().requests());
    }

    @Test
    void aReplayedEntryTheRunAlreadyReflectsIsIgnored() {
        String run = register("r1", T0);
        long statsLsn = ++lsn;
        assertEquals(Outcome.ACCEPTED, recorder.apply(statsLsn, stats(run, ALICE, T0.plusSeconds(1), "gen", null, 10)));
        assertEquals(Outcome.DUPLICATE, recorder.apply(statsLsn, stats(run, ALICE, T0.plusSeconds(1), "gen", null, 10)));
        long commitLsn = ++lsn;
        recorder.apply(commitLsn, commit(run, ALICE, T0.plusSeconds(2)));
        assertEquals(Outcome.DUPLICATE, recorder.apply(commitLsn, commit(run, ALICE, T0.plusSeconds(2))));
        List<RunWrite> writes = writes();
        assertEquals(10, writes.get(writes.size() - 1).runTotal().requests());
    }

    @Test
    void aSilentRunIsAbandonedAfterTheTimeout() {
        String run = register("r1", T0);
        apply(stats(run, ALICE, T0.plusSeconds(5), "gen", 0L, 10));
        apply(new RunEvent.IntervalClosed(T0.plusSeconds(15)));
        assertEquals(RunStatus.RUNNING, recorder.find(run).orElseThrow().status());
        apply(new RunEvent.IntervalClosed(T0.plusSeconds(5).plus(Duration.ofMinutes(10)).plusSeconds(1)));
        assertEquals(RunStatus.ABANDONED, recorder.find(run).orElseThrow().status());
        List<RunWrite> writes = writes();
        RunWrite last = writes.get(writes.size() - 1);
        assertEquals(RunStatus.ABANDONED, last.status());
        assertEquals(T0.plusSeconds(5), last.endedAt(), "ended at its last sign of life");
        assertEquals(Outcome.FINISHED, apply(stats(run, ALICE, T0.plus(Duration.ofMinutes(11)), "gen", 1L, 10)));
    }

    @Test
    void anIdleK6RunIsCompleted() {
        Instant at = T0;
        apply(new RunEvent.InfluxSamples(ALICE, at, List.of(new RunEvent.RunSamples("k6", "testid", "t-1", "k6 test", at,
                Map.of("testid", "t-1"), 0, 0, 3, List.of(new RunEvent.EndpointDelta("GET", "/", 10, 0, new long[]{1000},
                new long[]{10}, null))))));
        assertEquals(1, recorder.runningCount());
        apply(new RunEvent.IntervalClosed(at.plusSeconds(30)));
        assertEquals(1, recorder.runningCount());
        apply(new RunEvent.IntervalClosed(at.plusSeconds(61)));
        assertEquals(0, recorder.runningCount());
        List<RunWrite> writes = writes();
        RunWrite last = writes.get(writes.size() - 1);
        assertEquals(RunStatus.COMPLETED, last.status());
        assertEquals(10, last.runTotal().requests());
    }

    @Test
    void aJmeterEndMarkFromTheLastGeneratorCompletesTheRun() {
        RunEvent.RunSamples start = new RunEvent.RunSamples("jmeter", "application", "app", "app", T0, Map.of("application", "app"),
                1, 0, 1, List.of());
        RunEvent.RunSamples end = new RunEvent.RunSamples("jmeter", "application", "app", "app", T0, Map.of("application", "app"),
                0, 1, 1, List.of(new RunEvent.EndpointDelta("GET", "/", 5, 1, new long[]{1000}, new long[]{5}, null)));
        apply(new RunEvent.InfluxSamples(ALICE, T0, List.of(start)));
        assertEquals(1, recorder.runningCount());
        apply(new RunEvent.InfluxSamples(ALICE, T0.plusSeconds(3), List.of(end)));
        assertEquals(0, recorder.runningCount());
        List<RunWrite> writes = writes();
        assertEquals(5, writes.get(writes.size() - 1).runTotal().requests());
    }

    @Test
    void theLastRecordsRateIsOverTheTimeItsPostReports() {
        String run = register("r1", T0);
        // 10 requests a second, posted every 5 s; ticks every 15 s; the commit comes 0.5 s after a tick.
        for (int i = 1; i <= 9; i++) {
            apply(stats(run, ALICE, T0.plusSeconds(5L * i - 2), "gen", (long) i, 50));
            if (i % 3 == 0) {
                apply(new RunEvent.IntervalClosed(T0.plusSeconds(5L * i)));
            }
        }
        // The generator stops: its last post reports the 2.3 s since its previous one.
        apply(stats(run, ALICE, T0.plusMillis(45_300), "gen", 10L, 23));
        apply(commit(run, ALICE, T0.plusMillis(45_500)));
        List<RunWrite.IntervalRecord> records = writes().stream().filter(w -> !w.records().isEmpty())
                .map(RunStateMachineTest::runRecord).toList();
        assertEquals(4, records.size());
        for (RunWrite.IntervalRecord record : records.subList(1, 3)) {
            assertEquals(10.0, record.rps(), 0.01, "a steady record");
        }
        RunWrite.IntervalRecord last = records.get(3);
        assertEquals(23, last.data().requests());
        assertEquals(10.0, last.rps(), 0.01, "the last post covers 2.3 s, not the 0.5 s of the last interval");
    }

    @Test
    void postsThatCameInABurstAreSpreadOverTheirInterval() {
        String run = register("r1", T0);
        // Three posts within 2 ms (a client that sends what it collected at once), then a tick 15 s in:
        // they report 2 ms of time, but the interval they landed in lasted 15 s.
        apply(stats(run, ALICE, T0.plusMillis(5_000), "gen", 0L, 100));
        apply(stats(run, ALICE, T0.plusMillis(5_001), "gen", 1L, 100));
        apply(stats(run, ALICE, T0.plusMillis(5_002), "gen", 2L, 100));
        apply(new RunEvent.IntervalClosed(T0.plusSeconds(15)));
        RunWrite.IntervalRecord record = writes().stream().filter(w -> !w.records().isEmpty())
                .map(RunStateMachineTest::runRecord).findFirst().orElseThrow();
        assertEquals(300, record.data().requests());
        assertEquals(20.0, record.rps(), 0.01, "300 requests over the 15 s interval, not over 2 ms");
    }

    @Test
    void aFinishedRunKeepsOnlyASmallBoundedMemory() {
        for (int i = 0; i < 20; i++) {
            String run = register("r" + i, T0);
            apply(stats(run, ALICE, T0.plusSeconds(1), "gen", 0L, 10));
            apply(commit(run, ALICE, T0.plusSeconds(2)));
        }
        recorder.stored(writes());
        assertEquals(3, recorder.heldRuns(), "keepFinishedRuns of them, once MySQL holds them");
        assertEquals(RunStatus.COMPLETED, recorder.find("r19").orElseThrow().status());
        assertTrue(recorder.find("r0").isEmpty(), "the oldest is forgotten: MySQL answers for it");
        assertEquals(Outcome.FINISHED, apply(stats("r19", ALICE, T0.plusSeconds(3), "gen", 1L, 10)));
        assertEquals("COMPLETED", recorder.liveSnapshot("r19", T0.plusSeconds(3)).orElseThrow().status());
    }

    @Test
    void finishedRunsAreKeptUntilMySqlHoldsThem() {
        for (int i = 0; i < 5; i++) {
            String run = register("r" + i, T0);
            apply(commit(run, ALICE, T0.plusSeconds(2)));
        }
        assertEquals(5, recorder.heldRuns(), "MySQL has none yet: forgetting one would lose the answer for it");
    }
}
