package io.loadstack.consumer.recording;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs being recorded, as a state machine fed in journal order by the journal thread (and by the
 * replay at start, the same way). Each accepted event changes one run; each interval tick closes the
 * current interval of every running run and hands consistent copies to {@link PendingWrites}.
 *
 * <p>Every run remembers the journal entry it reflects ({@code appliedLsn}), and MySQL stores it with the
 * run: at replay, entries a run already reflects are skipped, so nothing is counted twice.
 */
@Singleton
public class RunRecorder {

    private static final int MAX_ERROR_KEYS_PER_RUN = 1000;
    /** Beyond this many endpoints an InfluxDB-protocol run folds new names into one (k6 tags every URL). */
    static final int MAX_INFLUX_ENDPOINTS_PER_RUN = 2000;
    static final EndpointKey OTHER_ENDPOINTS = new EndpointKey("*", "(other endpoints)");
    /** Origins whose runs end when their generators go quiet: k6 sends no end-of-test mark. */
    private static final java.util.Set<String> IDLE_COMPLETES = java.util.Set.of("k6", "influx");

    private final Map<String, LiveRun> runs = new ConcurrentHashMap<>();
    private final PendingWrites pending;
    private final Duration runTimeout;
    private final Duration keepFinished;
    private final Duration influxIdleTimeout;

    public RunRecorder(PendingWrites pending,
                       @Value("${loadstack.run-timeout:10m}") Duration runTimeout,
                       @Value("${loadstack.keep-finished:10m}") Duration keepFinished,
                       @Value("${loadstack.influx.idle-timeout:60s}") Duration influxIdleTimeout) {
        this.pending = pending;
        this.runTimeout = runTimeout;
        this.keepFinished = keepFinished;
        this.influxIdleTimeout = influxIdleTimeout;
    }

    public Optional<LiveRun> find(String uuid) {
        return Optional.ofNullable(runs.get(uuid));
    }

    public long runningCount() {
        return runs.values().stream().filter(r -> r.status() == RunStatus.RUNNING).count();
    }

    public Collection<LiveRun> all() {
        return runs.values();
    }

    /** A run loaded from MySQL at start, before the journal is replayed on top of it. */
    public void restore(LiveRun run) {
        runs.put(run.uuid, run);
    }

    public Outcome registered(long lsn, RunEvents.Registered event) {
        if (runs.containsKey(event.uuid())) {
            return Outcome.DUPLICATE;
        }
        LiveRun run = new LiveRun(event.uuid(), event.ownerId(), event.name(), event.origin(), event.host(),
                event.targetHost(), event.startedAt(), event.tags(), event.fields());
        run.lastActivity = event.receivedAt();
        run.intervalStart = event.receivedAt();
        run.appliedLsn = lsn;
        runs.put(run.uuid, run);
        synchronized (run) {
            pending.add(new PendingWrites.Batch(0, List.of(snapshot(run, List.of()))));
        }
        return Outcome.ACCEPTED;
    }

    public Outcome stats(long lsn, RunEvents.Stats event) {
        LiveRun run = runs.get(event.uuid());
        if (run == null) {
            return Outcome.NOT_FOUND;
        }
        synchronized (run) {
            Outcome refused = refusal(run, lsn, event.ownerId());
            if (refused != null) {
                return refused;
            }
            if (event.seq() != null
                    && !run.sources.computeIfAbsent(event.source(), s -> new SeqWindow()).firstTime(event.seq())) {
                return Outcome.DUPLICATE;
            }
            for (RunEvents.EndpointDelta delta : event.endpoints()) {
                EndpointKey key = new EndpointKey(delta.method(), delta.name());
                run.record(key, delta.requests(), delta.failures(), delta.valuesMicros(), delta.counts());
                if (delta.errors() != null) {
                    delta.errors().forEach((message, count) -> addError(run, key, message, count));
                }
            }
            if (event.users() != null) {
                run.users = event.users();
                run.maxUsers = Math.max(run.maxUsers, event.users());
            }
            run.intervalHasData = true;
            run.lastActivity = event.receivedAt();
            run.appliedLsn = lsn;
            return Outcome.ACCEPTED;
        }
    }

    public Outcome committed(long lsn, RunEvents.Committed event) {
        LiveRun run = runs.get(event.uuid());
        if (run == null) {
            return Outcome.NOT_FOUND;
        }
        synchronized (run) {
            Outcome refused = refusal(run, lsn, event.ownerId());
            if (refused != null) {
                return refused;
            }
            List<RunWrite.IntervalRecord> last = closeInterval(run, event.receivedAt(), true);
            run.status = RunStatus.COMPLETED;
            run.endedAt = event.endedAt();
            run.finalStats = event.finalStats();
            run.lastActivity = event.receivedAt();
            run.appliedLsn = lsn;
            pending.add(new PendingWrites.Batch(0, List.of(snapshot(run, last))));
            return Outcome.ACCEPTED;
        }
    }

    /**
     * An InfluxDB-protocol write: each run's samples go to the running run with the same owner, origin and
     * key, or open one (its uuid derived from the key and this entry's lsn, so a replay opens the same run).
     * An "ended" mark from the last open generator completes the run after the samples that came with it
     * (JMeter sends its last window in the same write as the end annotation).
     */
    public Outcome influxSamples(long lsn, RunEvents.InfluxSamples event) {
        for (RunEvents.RunSamples samples : event.runs()) {
            LiveRun run = findRunningByKey(event.ownerId(), samples);
            if (run == null) {
                if (samples.endpoints().isEmpty() && samples.starts() == 0) {
                    continue; // an end mark or a users count of a run we do not have: nothing to open a run for
                }
                String uuid = java.util.UUID.nameUUIDFromBytes((event.ownerId() + "|" + samples.origin() + "|"
                        + samples.key() + "|" + lsn).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                run = runs.get(uuid);
                if (run == null) {
                    run = new LiveRun(uuid, event.ownerId(), samples.name(), samples.origin(), null, null,
                            samples.startedAt(), samples.tags(), null);
                    run.lastActivity = event.receivedAt();
                    run.intervalStart = event.receivedAt();
                    run.appliedLsn = lsn - 1;
                    runs.put(uuid, run);
                    synchronized (run) {
                        pending.add(new PendingWrites.Batch(0, List.of(snapshot(run, List.of()))));
                    }
                }
            }
            synchronized (run) {
                if (run.appliedLsn >= lsn || run.status != RunStatus.RUNNING) {
                    continue;
                }
                for (RunEvents.EndpointDelta delta : samples.endpoints()) {
                    EndpointKey key = new EndpointKey(delta.method(), delta.name());
                    if (!run.totals.containsKey(key) && run.totals.size() >= MAX_INFLUX_ENDPOINTS_PER_RUN) {
                        key = OTHER_ENDPOINTS;
                    }
                    run.record(key, delta.requests(), delta.failures(), delta.valuesMicros(), delta.counts());
                    if (delta.errors() != null) {
                        EndpointKey errorKey = key;
                        LiveRun current = run;
                        delta.errors().forEach((message, count) -> addError(current, errorKey, message, count));
                    }
                }
                if (samples.users() != null) {
                    run.users = samples.users();
                    run.maxUsers = Math.max(run.maxUsers, samples.users());
                }
                if (!samples.endpoints().isEmpty()) {
                    run.intervalHasData = true;
                }
                run.lastActivity = event.receivedAt();
                run.appliedLsn = lsn;
                run.openGenerators += samples.starts();
                if (samples.ends() > 0) {
                    run.openGenerators -= samples.ends();
                    if (run.openGenerators <= 0) {
                        List<RunWrite.IntervalRecord> last = closeInterval(run, event.receivedAt(), true);
                        run.status = RunStatus.COMPLETED;
                        run.endedAt = event.receivedAt();
                        pending.add(new PendingWrites.Batch(0, List.of(snapshot(run, last))));
                    }
                }
            }
        }
        return Outcome.ACCEPTED;
    }

    private LiveRun findRunningByKey(long ownerId, RunEvents.RunSamples samples) {
        for (LiveRun run : runs.values()) {
            if (run.ownerId == ownerId && run.origin.equals(samples.origin()) && run.status() == RunStatus.RUNNING
                    && samples.key().equals(run.tags.get(samples.keyTag()))) {
                return run;
            }
        }
        return null;
    }

    /**
     * The 15-second tick: one record per running run (flagged empty when nothing came), then a checkpoint.
     * Each run closes under its own lock and touches nothing shared, so the runs close in parallel: at
     * 1,000 running runs their percentiles and encodings are most of a tick's CPU (BENCHMARKS.md).
     */
    public Outcome intervalClosed(long lsn, RunEvents.IntervalClosed event) {
        Instant at = event.at();
        // Before the close, so that a run this tick finishes is still written once before it is forgotten.
        List<String> forget = new ArrayList<>();
        for (LiveRun run : runs.values()) {
            synchronized (run) {
                if (run.status != RunStatus.RUNNING && run.endedAt != null && run.lastActivity.isBefore(at.minus(keepFinished))) {
                    forget.add(run.uuid);
                }
            }
        }
        forget.forEach(runs::remove);
        List<RunWrite> writes = runs.values().parallelStream()
                .map(run -> closeForTick(run, lsn, at))
                .filter(Objects::nonNull)
                .toList();
        pending.add(new PendingWrites.Batch(lsn, writes));
        return Outcome.ACCEPTED;
    }

    /**
     * The run's record of the interval ending {@code at} and its state, or null when it is not running or
     * already reflects this tick (a replay).
     */
    private RunWrite closeForTick(LiveRun run, long lsn, Instant at) {
        synchronized (run) {
            if (run.status != RunStatus.RUNNING || run.appliedLsn >= lsn) {
                return null;
            }
            List<RunWrite.IntervalRecord> records = closeInterval(run, at, false);
            if (IDLE_COMPLETES.contains(run.origin) && run.lastActivity.isBefore(at.minus(influxIdleTimeout))) {
                // k6 has no end-of-test message: a quiet run is a finished one.
                run.status = RunStatus.COMPLETED;
                run.endedAt = run.lastActivity;
            } else if (run.lastActivity.isBefore(at.minus(runTimeout))) {
                run.status = RunStatus.ABANDONED;
                run.endedAt = run.lastActivity;
            }
            run.appliedLsn = lsn;
            return snapshot(run, records);
        }
    }

    /**
     * Why a run cannot take this entry, or null when it can: already reflected (a replay), another
     * owner's token, or finished.
     */
    private static Outcome refusal(LiveRun run, long lsn, long ownerId) {
        if (run.appliedLsn >= lsn) {
            return Outcome.DUPLICATE;
        }
        if (run.ownerId != ownerId) {
            return Outcome.FORBIDDEN;
        }
        if (run.status != RunStatus.RUNNING) {
            return Outcome.FINISHED;
        }
        return null;
    }

    private List<RunWrite.IntervalRecord> closeInterval(LiveRun run, Instant at, boolean finalRecord) {
        Instant start = run.intervalStart;
        Instant end = at.isBefore(start) ? start : at;
        List<RunWrite.IntervalRecord> records = new ArrayList<>();
        boolean empty = !run.intervalHasData;
        if (finalRecord && empty && !end.isAfter(start)) {
            return records;
        }
        int seq = run.intervals;
        records.add(new RunWrite.IntervalRecord(seq, EndpointKey.RUN, start, end, run.users, StoredStats.of(run.intervalTotal), empty));
        // An endpoint reported in this interval keeps its histogram, emptied, for the next one (no new
        // allocation at every tick); one that was idle for a whole interval is dropped.
        run.interval.values().removeIf(Accumulator::isEmpty);
        run.interval.forEach((key, data) -> {
            records.add(new RunWrite.IntervalRecord(seq, key, start, end, run.users, StoredStats.of(data), false));
            data.reset();
        });
        run.intervalTotal.reset();
        run.intervals++;
        run.intervalStart = end;
        run.intervalHasData = false;
        return records;
    }

    private static void addError(LiveRun run, EndpointKey key, String message, long count) {
        String text = message.length() > 200 ? message.substring(0, 200) : message;
        LiveRun.ErrorKey errorKey = new LiveRun.ErrorKey(key.method(), key.name(), text);
        if (run.errors.containsKey(errorKey) || run.errors.size() < MAX_ERROR_KEYS_PER_RUN) {
            run.errors.merge(errorKey, count, Long::sum);
            run.changedErrors.add(errorKey);
        }
    }

    /** The run's state at this point of the journal, for the writer: what changed since its previous write. */
    private static RunWrite snapshot(LiveRun run, List<RunWrite.IntervalRecord> records) {
        Map<EndpointKey, StoredStats> endpointTotals = new TreeMap<>();
        run.changedTotals.forEach(key -> endpointTotals.put(key, StoredStats.of(run.totals.get(key))));
        if (run.storedRunTotal == null || !run.changedTotals.isEmpty()) {
            run.storedRunTotal = StoredStats.of(run.runTotal);
        }
        run.changedTotals.clear();
        Map<String, SeqWindow> sources = new HashMap<>();
        run.sources.forEach((source, window) -> sources.put(source, window.copy()));
        boolean writeTags = !run.tagsWritten;
        run.tagsWritten = true;
        return new RunWrite(run.uuid, run.ownerId, run.name, run.origin, run.host, run.targetHost, run.status,
                run.startedAt, run.endedAt, run.lastActivity, run.intervals, run.intervalStart, run.users, run.maxUsers, run.tags,
                writeTags, run.fields, run.finalStats, run.appliedLsn, run.storedRunTotal, endpointTotals,
                changedErrors(run), sources, records);
    }

    private static Map<LiveRun.ErrorKey, Long> changedErrors(LiveRun run) {
        Map<LiveRun.ErrorKey, Long> errors = new HashMap<>();
        run.changedErrors.forEach(key -> errors.put(key, run.errors.get(key)));
        run.changedErrors.clear();
        return errors;
    }

    /** What the live view shows of a run right now. */
    public Optional<LiveSnapshot> liveSnapshot(String uuid, Instant now) {
        LiveRun run = runs.get(uuid);
        if (run == null) {
            return Optional.empty();
        }
        synchronized (run) {
            Accumulator total = run.runTotal;
            Accumulator current = run.intervalTotal;
            double seconds = Math.max(1, (now.toEpochMilli() - run.intervalStart.toEpochMilli()) / 1000.0);
            List<LiveSnapshot.Endpoint> endpoints = new ArrayList<>();
            run.totals.forEach((key, data) -> endpoints.add(new LiveSnapshot.Endpoint(key.method(), key.name(),
                    data.requests(), data.failures(), data.percentileMs(95))));
            return Optional.of(new LiveSnapshot("snapshot", run.uuid, run.status.name(), now, run.users,
                    total.requests(), total.failures(), run.status == RunStatus.RUNNING ? current.requests() / seconds : 0,
                    total.percentileMs(50), total.percentileMs(95), total.percentileMs(99), endpoints));
        }
    }
}
