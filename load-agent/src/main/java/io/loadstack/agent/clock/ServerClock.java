package io.loadstack.agent.clock;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The server's time as the agent estimates it from its heartbeats, so that agents in several regions can act on
 * one instant of the server's clock whatever their own clocks say. Of the last few samples, the one with the least
 * delay wins (its offset's error is the smallest); keeping only recent ones lets the estimate follow a clock that
 * drifts or is stepped.
 */
public final class ServerClock {

    /** Enough round trips that one quick one is almost always among them; at one a long-poll, a few minutes' worth. */
    public static final int DEFAULT_SAMPLES = 16;

    private final Clock local;
    private final int capacity;
    private final Deque<ClockSample> samples = new ArrayDeque<>();

    public ServerClock(Clock local, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.local = local;
        this.capacity = capacity;
    }

    public synchronized void record(ClockSample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    /** Server minus agent in milliseconds, from the best recent sample; empty before the first answer. */
    public synchronized OptionalDouble offsetMillis() {
        return samples.stream().min(Comparator.comparingDouble(ClockSample::delayMillis))
                .map(best -> OptionalDouble.of(best.offsetMillis())).orElse(OptionalDouble.empty());
    }

    /** The best sample's delay: how far off the estimate can be, twice over. Empty before the first answer. */
    public synchronized OptionalDouble uncertaintyMillis() {
        return samples.stream().mapToDouble(ClockSample::delayMillis).min();
    }

    /** The server's clock now, as estimated; the agent's own clock until the first heartbeat is answered. */
    public Instant serverNow() {
        return serverTimeOf(local.instant());
    }

    /** An instant of the agent's clock in the server's time, as estimated. */
    public Instant serverTimeOf(Instant localTime) {
        return localTime.plusNanos(offsetNanos());
    }

    /** An instant of the server's clock (a launch's start) on the agent's clock, as estimated. */
    public Instant localTimeOf(Instant serverTime) {
        return serverTime.minusNanos(offsetNanos());
    }

    private long offsetNanos() {
        return Math.round(offsetMillis().orElse(0) * 1_000_000);
    }
}
