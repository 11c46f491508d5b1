package io.loadstack.agent.heartbeat;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before retrying a failed heartbeat: doubling from {@link #FIRST} up to {@link #CEILING}, each wait drawn
 * at random between half and all of it, so that agents cut off together (Loadstack restarted) do not come back in
 * one burst. A success starts it over.
 */
public final class Backoff {

    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration CEILING = Duration.ofSeconds(10);

    private final RandomGenerator random;
    private Duration step = FIRST;

    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    public Duration next() {
        long ceilingMillis = step.toMillis();
        step = step.multipliedBy(2).compareTo(CEILING) > 0 ? CEILING : step.multipliedBy(2);
        return Duration.ofMillis(ceilingMillis / 2 + random.nextLong(ceilingMillis / 2 + 1));
    }

    public void reset() {
        step = FIRST;
    }
}
