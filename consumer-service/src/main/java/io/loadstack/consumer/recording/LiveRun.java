package io.loadstack.consumer.recording;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run as the consumer holds it while it may still change: identity and metadata, the interval being
 * collected, and the totals so far. Changed only by the journal thread; read by the live view under
 * the same monitor.
 */
public final class LiveRun {

    final String uuid;
    final long ownerId;
    final String name;
    final String origin;
    final String host;
    final String targetHost;
    final Instant startedAt;
    final Map<String, String> tags;
    final String fields;

    RunStatus status = RunStatus.RUNNING;
    Instant endedAt;
    Instant lastActivity;
    String finalStats;
    long appliedLsn;
    boolean tagsWritten;

    int intervals;
    Instant intervalStart;
    int users;
    int maxUsers;
    boolean intervalHasData;
    /**
     * InfluxDB-protocol runs: generators that announced a start and not yet an end. Kept in memory only;
     * after a restart it is 0, so the next "ended" completes the run.
     */
    int openGenerators;

    final Map<EndpointKey, Accumulator> interval = new TreeMap<>();
    final Map<EndpointKey, Accumulator> totals = new TreeMap<>();
    /**
     * The whole run, this interval and since the start: kept up to date with every report (a few values each)
     * rather than merged from the endpoints' histograms at every tick (thousands of buckets each).
     */
    final Accumulator intervalTotal = new Accumulator();
    final Accumulator runTotal = new Accumulator();
    /** Endpoints whose totals changed since the last write was handed over: only they are written again. */
    final Set<EndpointKey> changedTotals = new HashSet<>();
    /** The run's total as last handed over, reused while no endpoint changes (an idle run costs nothing). */
    StoredStats storedRunTotal;
    final Map<ErrorKey, Long> errors = new HashMap<>();
    /** Error counts that changed since the last write was handed over. */
    final Set<ErrorKey> changedErrors = new HashSet<>();
    final Map<String, SeqWindow> sources = new HashMap<>();

    LiveRun(String uuid, long ownerId, String name, String origin, String host, String targetHost,
            Instant startedAt, Map<String, String> tags, String fields) {
        this.uuid = uuid;
        this.ownerId = ownerId;
        this.name = name;
        this.origin = origin;
        this.host = host;
        this.targetHost = targetHost;
        this.startedAt = startedAt;
        this.tags = tags;
        this.fields = fields;
    }

    /** A run as MySQL last stored it, to continue recording after a restart. */
    public static LiveRun restored(String uuid, long ownerId, String name, String origin, String host, String targetHost,
                                   Instant startedAt, Map<String, String> tags, String fields, RunStatus status,
                                   Instant endedAt, Instant lastActivity, long appliedLsn, int intervals,
                                   Instant intervalStart, int users, int maxUsers, Map<EndpointKey, Accumulator> totals,
                                   Map<ErrorKey, Long> errors, Map<String, SeqWindow> sources) {
        LiveRun run = new LiveRun(uuid, ownerId, name, origin, host, targetHost, startedAt, tags, fields);
        run.status = status;
        run.endedAt = endedAt;
        run.lastActivity = lastActivity;
        run.appliedLsn = appliedLsn;
        run.tagsWritten = true;
        run.intervals = intervals;
        run.intervalStart = intervalStart;
        run.users = users;
        run.maxUsers = maxUsers;
        run.totals.putAll(totals);
        totals.values().forEach(run.runTotal::add);
        run.errors.putAll(errors);
        run.sources.putAll(sources);
        return run;
    }

    public String uuid() {
        return uuid;
    }

    public long ownerId() {
        return ownerId;
    }

    public synchronized RunStatus status() {
        return status;
    }

    /** One endpoint's report: into its interval and total, and into the run's. */
    void record(EndpointKey key, long requests, long failures, long[] valuesMicros, long[] counts) {
        interval.computeIfAbsent(key, k -> new Accumulator()).add(requests, failures, valuesMicros, counts);
        totals.computeIfAbsent(key, k -> new Accumulator()).add(requests, failures, valuesMicros, counts);
        intervalTotal.add(requests, failures, valuesMicros, counts);
        runTotal.add(requests, failures, valuesMicros, counts);
        changedTotals.add(key);
    }

    /** A failure message per endpoint, for the errors breakdown. */
    public record ErrorKey(String method, String name, String message) {
    }
}
