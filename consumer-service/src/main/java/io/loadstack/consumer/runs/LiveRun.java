package io.loadstack.consumer.runs;

import io.loadstack.consumer.writer.RunWrite;
import io.loadstack.consumer.writer.StoredStats;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run as the consumer holds it while it may still change: identity and metadata, the interval being
 * collected, and the totals so far. It owns its rules: it takes data only while RUNNING, from its owner,
 * once per journal entry and per (source, seq); it ends once, by a commit, an end mark, silence
 * (ABANDONED) or, for k6, idleness. Changed only by the journal thread (through {@link RunRecorder}); read by
 * the live view, under the run's monitor.
 *
 * <p>Rates are computed over the time the data covers, not only over the interval it lands in: a generator's
 * post reports what happened since its previous post, so an interval's posts cover from the earliest
 * start of the periods they report to the latest post, and a record's rate is over the longer of that and
 * the interval. That keeps a short last interval (the commit follows the last tick by a second, but the
 * last post carries five) from showing a rate five times too high, and posts sent in a burst from showing
 * one a thousand times too high. InfluxDB-protocol writes carry no such period; their intervals' rates use
 * the interval itself.
 */
public final class LiveRun {

    private static final int MAX_ERROR_KEYS_PER_RUN = 1000;
    /** Beyond this many endpoints an InfluxDB-protocol run folds new names into one (k6 tags every URL). */
    static final int MAX_INFLUX_ENDPOINTS_PER_RUN = 2000;
    static final EndpointKey OTHER_ENDPOINTS = new EndpointKey("*", "(other endpoints)");

    private final String uuid;
    private final long ownerId;
    private final String name;
    private final String origin;
    private final String host;
    private final String targetHost;
    private final Instant startedAt;
    private final Map<String, String> tags;
    private final String fields;
    private final List<String> thresholds;

    private RunStatus status = RunStatus.RUNNING;
    private Instant endedAt;
    private Instant lastActivity;
    private String finalStats;
    private long appliedLsn;
    private boolean tagsWritten;

    private int intervals;
    private Instant intervalStart;
    private int users;
    private int maxUsers;
    private boolean intervalHasData;
    /** The time the stats posts of this interval report, or null when none came (see the class comment). */
    private Instant coveredFrom;
    private Instant coveredTo;
    /** When each source last posted: its next post reports what happened since. Not kept across restarts. */
    private final Map<String, Instant> lastPostBySource = new HashMap<>();
    /**
     * InfluxDB-protocol runs: generators that announced a start and not yet an end. Kept in memory only;
     * after a restart it is 0, so the next "ended" completes the run.
     */
    private int openGenerators;

    private final Map<EndpointKey, Accumulator> interval = new TreeMap<>();
    private final Map<EndpointKey, Accumulator> totals = new TreeMap<>();
    /**
     * The whole run, this interval and since the start: kept up to date with every report (a few values each)
     * rather than merged from the endpoints' histograms at every tick (thousands of buckets each).
     */
    private final Accumulator intervalTotal = new Accumulator();
    private final Accumulator runTotal = new Accumulator();
    /** Endpoints whose totals changed since the last write was handed over: only they are written again. */
    private final Set<EndpointKey> changedTotals = new HashSet<>();
    /** The run's total as last handed over, reused while no endpoint changes (an idle run costs nothing). */
    private StoredStats storedRunTotal;
    private final Map<ErrorKey, Long> errors = new HashMap<>();
    /** Error counts that changed since the last write was handed over. */
    private final Set<ErrorKey> changedErrors = new HashSet<>();
    private final Map<String, SeqWindow> sources = new HashMap<>();
    /** An imported run's interval records until {@link #importedWrite} hands them over. */
    private final List<RunWrite.IntervalRecord> importedRecords = new ArrayList<>();

    private LiveRun(String uuid, long ownerId, String name, String origin, String host, String targetHost,
                    Instant startedAt, Map<String, String> tags, String fields, List<String> thresholds) {
        this.uuid = uuid;
        this.ownerId = ownerId;
        this.name = name;
        this.origin = origin;
        this.host = host;
        this.targetHost = targetHost;
        this.startedAt = startedAt;
        this.tags = tags;
        this.fields = fields;
        this.thresholds = thresholds;
    }

    /** A run a generator registered at journal entry {@code lsn}: RUNNING, its first interval starts now. */
    static LiveRun registered(long lsn, RunEvent.Registered event) {
        LiveRun run = new LiveRun(event.uuid(), event.ownerId(), event.name(), event.origin(), event.host(),
                event.targetHost(), event.startedAt(), event.tags(), event.fields(), event.thresholds());
        run.lastActivity = event.receivedAt();
        run.intervalStart = event.receivedAt();
        run.appliedLsn = lsn;
        return run;
    }

    /** A run an InfluxDB-protocol write opens; it takes that write's samples next ({@link #applyInflux}). */
    static LiveRun openedByInflux(String uuid, long lsn, long ownerId, RunEvent.RunSamples samples, Instant receivedAt) {
        LiveRun run = new LiveRun(uuid, ownerId, samples.name(), samples.origin(), null, null, samples.startedAt(),
                samples.tags(), null, null);
        run.lastActivity = receivedAt;
        run.intervalStart = receivedAt;
        run.appliedLsn = lsn - 1;
        return run;
    }

    /**
     * A finished run imported whole: each interval is recorded and closed at its own end, as the ticks would
     * have closed it; the run is COMPLETED at its end. {@link #importedWrite} hands all of it to the writer.
     */
    static LiveRun imported(long lsn, RunEvent.Imported event) {
        LiveRun run = new LiveRun(event.uuid(), event.ownerId(), event.name(), event.origin(), null, null,
                event.startedAt(), event.tags(), null, null);
        run.intervalStart = event.startedAt();
        run.lastActivity = event.receivedAt();
        for (RunEvent.ImportedInterval interval : event.intervals()) {
            for (RunEvent.EndpointDelta delta : interval.endpoints()) {
                EndpointKey key = new EndpointKey(delta.method(), delta.name());
                if (!run.totals.containsKey(key) && run.totals.size() >= MAX_INFLUX_ENDPOINTS_PER_RUN) {
                    key = OTHER_ENDPOINTS;
                }
                run.record(key, delta);
            }
            run.seeUsers(interval.users());
            run.intervalHasData = !interval.endpoints().isEmpty();
            run.importedRecords.addAll(run.closeInterval(interval.end(), false));
        }
        run.status = RunStatus.COMPLETED;
        run.endedAt = event.endedAt();
        run.appliedLsn = lsn;
        return run;
    }

    /** The imported run's one write: its metadata, totals and every interval's records. */
    synchronized RunWrite importedWrite() {
        List<RunWrite.IntervalRecord> records = new ArrayList<>(importedRecords);
        importedRecords.clear();
        return write(records);
    }

    /** A run as MySQL last stored it, to continue recording after a restart. */
    public static LiveRun restored(String uuid, long ownerId, String name, String origin, String host, String targetHost,
                                   Instant startedAt, Map<String, String> tags, String fields,
                                   @Nullable List<String> thresholds, RunStatus status,
                                   Instant endedAt, Instant lastActivity, long appliedLsn, int intervals,
                                   Instant intervalStart, int users, int maxUsers, Map<EndpointKey, Accumulator> totals,
                                   Map<ErrorKey, Long> errors, Map<String, SeqWindow> sources) {
        LiveRun run = new LiveRun(uuid, ownerId, name, origin, host, targetHost, startedAt, tags, fields, thresholds);
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

    String origin() {
        return origin;
    }

    public synchronized RunStatus status() {
        return status;
    }

    synchronized boolean isRunning() {
        return status == RunStatus.RUNNING;
    }

    /** Whether an InfluxDB-protocol write with this origin and key belongs to this run. */
    synchronized boolean isRunningWithKey(long ownerId, String origin, String keyTag, String key) {
        return status == RunStatus.RUNNING && this.ownerId == ownerId && this.origin.equals(origin)
                && key.equals(tags.get(keyTag));
    }

    /** One generator's post: counted once per (source, seq), only while RUNNING and from the run's owner. */
    synchronized Outcome acceptStats(long lsn, RunEvent.Stats event) {
        Outcome refused = refusal(lsn, event.ownerId());
        if (refused != null) {
            return refused;
        }
        if (event.seq() != null && !sources.computeIfAbsent(event.source(), s -> new SeqWindow()).firstTime(event.seq())) {
            return Outcome.DUPLICATE;
        }
        for (RunEvent.EndpointDelta delta : event.endpoints()) {
            EndpointKey key = new EndpointKey(delta.method(), delta.name());
            record(key, delta);
        }
        seeUsers(event.users());
        cover(event.source(), event.receivedAt());
        intervalHasData = true;
        lastActivity = event.receivedAt();
        appliedLsn = lsn;
        return Outcome.ACCEPTED;
    }

    /** The post of {@code source} at {@code at} reports the time since its previous post (or since the interval began). */
    private void cover(String source, Instant at) {
        Instant previous = lastPostBySource.put(source, at);
        Instant from = previous != null && previous.isBefore(at) ? previous : intervalStart;
        if (from.isAfter(at)) {
            from = at;
        }
        coveredFrom = coveredFrom == null || from.isBefore(coveredFrom) ? from : coveredFrom;
        coveredTo = coveredTo == null || at.isAfter(coveredTo) ? at : coveredTo;
    }

    /** The generator's commit: the last record is written and the run is COMPLETED; a second commit is refused. */
    synchronized Change commit(long lsn, RunEvent.Committed event) {
        Outcome refused = refusal(lsn, event.ownerId());
        if (refused != null) {
            return new Change(refused, null);
        }
        List<RunWrite.IntervalRecord> last = closeInterval(event.receivedAt(), true);
        status = RunStatus.COMPLETED;
        endedAt = event.endedAt();
        finalStats = event.finalStats();
        lastActivity = event.receivedAt();
        appliedLsn = lsn;
        return new Change(Outcome.ACCEPTED, write(last));
    }

    /**
     * One run's share of an InfluxDB-protocol write. An "ended" mark from the last open generator completes the
     * run after the samples that came with it (JMeter sends its last window in the same write as the end
     * annotation); @return the run's write when it completed, else null
     */
    synchronized @Nullable RunWrite applyInflux(long lsn, RunEvent.RunSamples samples, Instant receivedAt) {
        if (appliedLsn >= lsn || status != RunStatus.RUNNING) {
            return null;
        }
        for (RunEvent.EndpointDelta delta : samples.endpoints()) {
            EndpointKey key = new EndpointKey(delta.method(), delta.name());
            if (!totals.containsKey(key) && totals.size() >= MAX_INFLUX_ENDPOINTS_PER_RUN) {
                key = OTHER_ENDPOINTS;
            }
            record(key, delta);
        }
        seeUsers(samples.users());
        if (!samples.endpoints().isEmpty()) {
            intervalHasData = true;
        }
        lastActivity = receivedAt;
        appliedLsn = lsn;
        openGenerators += samples.starts();
        if (samples.ends() > 0) {
            openGenerators -= samples.ends();
            if (openGenerators <= 0) {
                List<RunWrite.IntervalRecord> last = closeInterval(receivedAt, true);
                status = RunStatus.COMPLETED;
                endedAt = receivedAt;
                return write(last);
            }
        }
        return null;
    }

    /**
     * The tick at {@code at}: the record of the interval ending then, and the end of a run silent too long
     * (ABANDONED after {@code runTimeout}; COMPLETED after {@code idleTimeout} for origins that send no end
     * mark). @return the run's write, or null when it is not running or already reflects this tick (a replay)
     */
    synchronized @Nullable RunWrite closeForTick(long lsn, Instant at, Duration runTimeout, @Nullable Duration idleTimeout) {
        if (status != RunStatus.RUNNING || appliedLsn >= lsn) {
            return null;
        }
        List<RunWrite.IntervalRecord> records = closeInterval(at, false);
        if (idleTimeout != null && lastActivity.isBefore(at.minus(idleTimeout))) {
            status = RunStatus.COMPLETED;
            endedAt = lastActivity;
        } else if (lastActivity.isBefore(at.minus(runTimeout))) {
            status = RunStatus.ABANDONED;
            endedAt = lastActivity;
        }
        appliedLsn = lsn;
        return write(records);
    }

    /** The run's first write, as it was registered or opened. */
    synchronized RunWrite firstWrite() {
        return write(List.of());
    }

    /**
     * Why the run cannot take this entry, or null when it can: already reflected (a replay), another
     * owner's token, or finished.
     */
    private Outcome refusal(long lsn, long ownerId) {
        if (appliedLsn >= lsn) {
            return Outcome.DUPLICATE;
        }
        if (this.ownerId != ownerId) {
            return Outcome.FORBIDDEN;
        }
        if (status != RunStatus.RUNNING) {
            return Outcome.FINISHED;
        }
        return null;
    }

    private void seeUsers(Integer reported) {
        if (reported != null) {
            users = reported;
            maxUsers = Math.max(maxUsers, reported);
        }
    }

    /** One endpoint's report: into its interval and total, and into the run's. */
    private void record(EndpointKey key, RunEvent.EndpointDelta delta) {
        long[] values = delta.valuesMicros();
        long[] counts = delta.counts();
        interval.computeIfAbsent(key, k -> new Accumulator()).add(delta.requests(), delta.failures(), values, counts);
        totals.computeIfAbsent(key, k -> new Accumulator()).add(delta.requests(), delta.failures(), values, counts);
        intervalTotal.add(delta.requests(), delta.failures(), values, counts);
        runTotal.add(delta.requests(), delta.failures(), values, counts);
        changedTotals.add(key);
        if (delta.errors() != null) {
            delta.errors().forEach((message, count) -> addError(key, message, count));
        }
    }

    private void addError(EndpointKey key, String message, long count) {
        String text = message.length() > 200 ? message.substring(0, 200) : message;
        ErrorKey errorKey = new ErrorKey(key.method(), key.name(), text);
        if (errors.containsKey(errorKey) || errors.size() < MAX_ERROR_KEYS_PER_RUN) {
            errors.merge(errorKey, count, Long::sum);
            changedErrors.add(errorKey);
        }
    }

    private List<RunWrite.IntervalRecord> closeInterval(Instant at, boolean finalRecord) {
        Instant start = intervalStart;
        Instant end = at.isBefore(start) ? start : at;
        List<RunWrite.IntervalRecord> records = new ArrayList<>();
        boolean empty = !intervalHasData;
        if (finalRecord && empty && !end.isAfter(start)) {
            return records;
        }
        // The longer of the time the posts report and the interval itself: a last interval shorter than its
        // post's period takes the period; posts sent in a burst, or a source that went quiet, spread over the
        // interval they landed in.
        double covered = coveredFrom == null ? 0 : (coveredTo.toEpochMilli() - coveredFrom.toEpochMilli()) / 1000.0;
        double seconds = Math.max(0.001, Math.max(covered, (end.toEpochMilli() - start.toEpochMilli()) / 1000.0));
        int seq = intervals;
        records.add(new RunWrite.IntervalRecord(seq, EndpointKey.RUN, start, end, seconds, users, StoredStats.of(intervalTotal), empty));
        // An endpoint reported in this interval keeps its histogram, emptied, for the next one (no new
        // allocation at every tick); one that was idle for a whole interval is dropped.
        interval.values().removeIf(Accumulator::isEmpty);
        interval.forEach((key, data) -> {
            records.add(new RunWrite.IntervalRecord(seq, key, start, end, seconds, users, StoredStats.of(data), false));
            data.reset();
        });
        intervalTotal.reset();
        intervals++;
        intervalStart = end;
        intervalHasData = false;
        coveredFrom = null;
        coveredTo = null;
        return records;
    }

    /** The run's state at this point of the journal, for the writer: what changed since its previous write. */
    private RunWrite write(List<RunWrite.IntervalRecord> records) {
        Map<EndpointKey, StoredStats> endpointTotals = new TreeMap<>();
        changedTotals.forEach(key -> endpointTotals.put(key, StoredStats.of(totals.get(key))));
        if (storedRunTotal == null || !changedTotals.isEmpty()) {
            storedRunTotal = StoredStats.of(runTotal);
        }
        changedTotals.clear();
        Map<String, SeqWindow> sourcesNow = new HashMap<>();
        sources.forEach((source, window) -> sourcesNow.put(source, window.copy()));
        boolean writeTags = !tagsWritten;
        tagsWritten = true;
        Map<ErrorKey, Long> errorsNow = new HashMap<>();
        changedErrors.forEach(key -> errorsNow.put(key, errors.get(key)));
        changedErrors.clear();
        return new RunWrite(uuid, ownerId, name, origin, host, targetHost, status, startedAt, endedAt, lastActivity,
                intervals, intervalStart, users, maxUsers, tags, writeTags, fields, thresholds, finalStats, appliedLsn, storedRunTotal,
                endpointTotals, errorsNow, sourcesNow, records);
    }

    /** What the live view shows of the run right now; {@code maxEndpoints} bounds its endpoint list. */
    synchronized LiveSnapshot liveSnapshot(Instant now, int maxEndpoints) {
        double seconds = Math.max(1, (now.toEpochMilli() - intervalStart.toEpochMilli()) / 1000.0);
        List<LiveSnapshot.Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<EndpointKey, Accumulator> entry : totals.entrySet()) {
            if (endpoints.size() >= maxEndpoints) {
                break;
            }
            Accumulator data = entry.getValue();
            endpoints.add(new LiveSnapshot.Endpoint(entry.getKey().method(), entry.getKey().name(), data.requests(),
                    data.failures(), data.percentileMs(95)));
        }
        return new LiveSnapshot("snapshot", uuid, status.name(), now, users, runTotal.requests(), runTotal.failures(),
                status == RunStatus.RUNNING ? intervalTotal.requests() / seconds : 0,
                runTotal.percentileMs(50), runTotal.percentileMs(95), runTotal.percentileMs(99), endpoints);
    }

    /** What is remembered of the run once it is finished: a few hundred bytes instead of its histograms. */
    synchronized FinishedRun finished(Instant now) {
        if (status == RunStatus.RUNNING) {
            throw new IllegalStateException("run " + uuid + " is still running");
        }
        return new FinishedRun(uuid, ownerId, status, appliedLsn, now, liveSnapshot(now, FinishedRun.MAX_ENDPOINTS));
    }

    /** The answer to an event and, when it changed what MySQL must hold, the run's write. */
    record Change(Outcome outcome, @Nullable RunWrite write) {
    }

    /** A failure message per endpoint, for the errors breakdown. */
    public record ErrorKey(String method, String name, String message) {
    }
}
