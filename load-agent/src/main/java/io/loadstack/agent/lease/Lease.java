package io.loadstack.agent.lease;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The agent's permission to keep load running: renewed by every answer from Loadstack, lost after the lease time
 * without one. An agent cut off from Loadstack cannot be told to stop, so it must stop by itself once its lease is
 * gone rather than hammer a target nobody watches. It reads a monotonic clock, as the wall clock may be stepped.
 */
public final class Lease {

    private final Duration length;
    private final LongSupplier nanoTime;
    private boolean answered;
    private long lastAnswerNanos;

    /**
     * @param length   {@code LOADSTACK_AGENT_LEASE}
     * @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public Lease(Duration length, LongSupplier nanoTime) {
        this.length = length;
        this.nanoTime = nanoTime;
    }

    /** Loadstack answered. */
    public synchronized void renew() {
        answered = true;
        lastAnswerNanos = nanoTime.getAsLong();
    }

    /** True until Loadstack has first answered, and after the lease time without an answer. */
    public synchronized boolean leaseExpired() {
        return !answered || nanoTime.getAsLong() - lastAnswerNanos >= length.toNanos();
    }

    public Duration length() {
        return length;
    }
}
