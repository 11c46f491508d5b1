package io.loadstack.consumer.runs;

import java.time.Instant;

/**
 * What the consumer remembers of a finished run: enough to answer a late post (409, or 403 for another
 * owner's token), a replayed entry (already reflected) and the live view (the final numbers, the endpoint
 * list cut at {@value #MAX_ENDPOINTS}: the page reloads the full run from the API once it sees the end).
 * The histograms are gone; they are in the run's last write.
 */
final class FinishedRun {

    static final int MAX_ENDPOINTS = 50;

    private final String uuid;
    private final long ownerId;
    private final RunStatus status;
    private final long appliedLsn;
    private final Instant finishedAt;
    private final LiveSnapshot last;
    /** Set by the writer once MySQL holds the run's last write: from then on MySQL can answer for it. */
    private volatile boolean stored;

    FinishedRun(String uuid, long ownerId, RunStatus status, long appliedLsn, Instant finishedAt, LiveSnapshot last) {
        this.uuid = uuid;
        this.ownerId = ownerId;
        this.status = status;
        this.appliedLsn = appliedLsn;
        this.finishedAt = finishedAt;
        this.last = last;
    }

    String uuid() {
        return uuid;
    }

    long ownerId() {
        return ownerId;
    }

    RunStatus status() {
        return status;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    boolean isStored() {
        return stored;
    }

    void markStored() {
        stored = true;
    }

    /** A finished run takes nothing: a replayed entry is acknowledged, anything else refused. */
    Outcome refuse(long lsn, long ownerId) {
        if (appliedLsn >= lsn) {
            return Outcome.DUPLICATE;
        }
        return this.ownerId != ownerId ? Outcome.FORBIDDEN : Outcome.FINISHED;
    }

    LiveSnapshot liveSnapshot(Instant now) {
        return new LiveSnapshot(last.type(), last.uuid(), last.status(), now, last.users(), last.requests(),
                last.failures(), 0, last.p50(), last.p95(), last.p99(), last.endpoints());
    }
}
