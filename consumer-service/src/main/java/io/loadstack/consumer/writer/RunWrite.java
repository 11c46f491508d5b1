package io.loadstack.consumer.writer;

import io.loadstack.consumer.runs.EndpointKey;
import io.loadstack.consumer.runs.LiveRun;
import io.loadstack.consumer.runs.RunStatus;
import io.loadstack.consumer.runs.SeqWindow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything about one run that the next MySQL write must store: a consistent copy taken on the journal
 * thread at {@code appliedLsn}, so that the row in MySQL always matches a point in the journal.
 * {@code endpointTotals} and {@code errors} hold only what changed since the run's previous write (the rest
 * is in MySQL already); a write that replaces an unwritten earlier one takes over the earlier one's
 * ({@link #takeOverTotals}), so none is lost.
 */
public record RunWrite(String uuid,
                       long ownerId,
                       String name,
                       String origin,
                       String host,
                       String targetHost,
                       RunStatus status,
                       Instant startedAt,
                       Instant endedAt,
                       Instant lastActivity,
                       int intervals,
                       Instant intervalStart,
                       int users,
                       int maxUsers,
                       Map<String, String> tags,
                       boolean writeTags,
                       String fields,
                       List<String> thresholds,
                       String finalStats,
                       long appliedLsn,
                       StoredStats runTotal,
                       Map<EndpointKey, StoredStats> endpointTotals,
                       Map<LiveRun.ErrorKey, Long> errors,
                       Map<String, SeqWindow> sources,
                       List<IntervalRecord> records) {

    /**
     * The same write reduced to its interval records, once a later write of the run supersedes its
     * totals: while MySQL is away, only the latest totals of a run are worth keeping in memory.
     */
    public RunWrite recordsOnly() {
        return new RunWrite(uuid, ownerId, name, origin, host, targetHost, status, startedAt, endedAt, lastActivity,
                intervals, intervalStart, users, maxUsers, tags, writeTags, fields, thresholds, finalStats, appliedLsn, null,
                Map.of(), Map.of(), Map.of(), records);
    }

    public boolean isRecordsOnly() {
        return runTotal == null;
    }

    /** Adds the endpoint totals and error counts of an earlier, unwritten write of this run that this one lacks. */
    void takeOverTotals(RunWrite earlier) {
        earlier.endpointTotals().forEach(endpointTotals::putIfAbsent);
        earlier.errors().forEach(errors::putIfAbsent);
    }

    /**
     * One 15-second record: the run as a whole ({@link EndpointKey#RUN}) or one endpoint. {@code seconds} is
     * the time its data covers, which is not always {@code end - start} (see {@code LiveRun}).
     */
    public record IntervalRecord(int seq, EndpointKey endpoint, Instant start, Instant end, double seconds, int users,
                                 StoredStats data, boolean empty) {

        public double rps() {
            return data.requests() / Math.max(0.001, seconds);
        }
    }
}
