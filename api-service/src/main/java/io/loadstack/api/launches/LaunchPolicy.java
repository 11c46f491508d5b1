package io.loadstack.api.launches;

import java.time.Duration;

/**
 * How a launch decides what the agents' reports mean.
 *
 * @param readinessTimeout how long the agents have to report READY before the launch decides
 * @param quorum           the fraction of the agents asked for that must be READY at the timeout to start
 *                         without the others (1.0: all of them, then it waits for every one)
 * @param startBuffer      how far ahead of the moment the quorum is ready the common start is set, so
 *                         that every agent has the start time before it comes
 * @param minHealthy       the fraction of the started agents that must still be healthy (not FAILED or
 *                         LOST) for the launch to go on; below it the launch stops
 */
public record LaunchPolicy(Duration readinessTimeout, double quorum, Duration startBuffer, double minHealthy) {

    public static final LaunchPolicy DEFAULTS =
            new LaunchPolicy(Duration.ofSeconds(60), 1.0, Duration.ofSeconds(2), 0.5);

    public LaunchPolicy {
        if (readinessTimeout == null || readinessTimeout.isNegative() || readinessTimeout.isZero()) {
            throw new IllegalArgumentException("readinessTimeout must be positive, was " + readinessTimeout);
        }
        if (!(quorum > 0 && quorum <= 1)) {
            throw new IllegalArgumentException("quorum must be in (0, 1], was " + quorum);
        }
        if (startBuffer == null || startBuffer.isNegative()) {
            throw new IllegalArgumentException("startBuffer must not be negative, was " + startBuffer);
        }
        if (!(minHealthy >= 0 && minHealthy <= 1)) {
            throw new IllegalArgumentException("minHealthy must be in [0, 1], was " + minHealthy);
        }
    }

    public LaunchPolicy withQuorum(double fraction) {
        return new LaunchPolicy(readinessTimeout, fraction, startBuffer, minHealthy);
    }

    public LaunchPolicy withMinHealthy(double fraction) {
        return new LaunchPolicy(readinessTimeout, quorum, startBuffer, fraction);
    }

    /** How many of {@code asked} agents must be READY to start (at least one). */
    int quorumOf(int asked) {
        // The epsilon keeps 0.5 × 4 at 2 rather than 3 when the product is a hair above 2.
        return Math.max(1, (int) Math.ceil(quorum * asked - 1e-9));
    }

    boolean healthyEnough(int healthy, int started) {
        return started == 0 || healthy >= minHealthy * started - 1e-9;
    }
}
