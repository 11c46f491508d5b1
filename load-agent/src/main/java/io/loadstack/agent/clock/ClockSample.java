package io.loadstack.agent.clock;

import java.time.Instant;

/**
 * One heartbeat's four timestamps, as NTP takes them: the agent's clock when it sent the heartbeat and when the
 * answer arrived, the server's clock when it took the heartbeat and when it answered. The time the server held
 * the heartbeat (the long-poll's wait) counts in neither the offset nor the delay.
 *
 * @param sent       the agent's clock when the request left
 * @param receivedAt the server's {@code receivedAt}
 * @param serverTime the server's {@code serverTime}, when it answered
 * @param received   the agent's clock when the answer arrived
 */
public record ClockSample(Instant sent, Instant receivedAt, Instant serverTime, Instant received) {

    /** Server minus agent, in milliseconds: {@code ((receivedAt - sent) + (serverTime - received)) / 2}. */
    public double offsetMillis() {
        return (millisBetween(sent, receivedAt) + millisBetween(received, serverTime)) / 2.0;
    }

    /**
     * The time on the wire both ways, in milliseconds: the round trip less the server's hold. The offset's error is
     * at most half of it, so the sample with the least delay is the one to trust. Never negative: the server's
     * times have millisecond resolution, which can make a very short round trip look shorter than the hold.
     */
    public double delayMillis() {
        return Math.max(0, millisBetween(sent, received) - millisBetween(receivedAt, serverTime));
    }

    private static double millisBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) * 1000.0 + (to.getNano() - from.getNano()) / 1_000_000.0;
    }
}
