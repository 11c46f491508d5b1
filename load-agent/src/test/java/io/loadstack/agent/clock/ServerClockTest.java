package io.loadstack.agent.clock;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerClockTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    /**
     * A heartbeat sent at agent time {@code sentMs}, taking {@code upMs} to arrive, held {@code holdMs} by the server,
     * {@code downMs} back, on a server whose clock is {@code offsetMs} ahead of the agent's.
     */
    private static ClockSample sample(long sentMs, long upMs, long holdMs, long downMs, long offsetMs) {
        Instant sent = T.plusMillis(sentMs);
        Instant receivedAt = sent.plusMillis(upMs + offsetMs);
        Instant serverTime = receivedAt.plusMillis(holdMs);
        Instant received = sent.plusMillis(upMs + holdMs + downMs);
        return new ClockSample(sent, receivedAt, serverTime, received);
    }

    @Test
    void aServerInstantIsTurnedIntoTheAgentsClockAndBack() {
        ServerClock clock = new ServerClock(Clock.fixed(T, ZoneOffset.UTC), 4);
        Instant start = Instant.parse("2026-12-02T10:00:05Z");
        assertEquals(start, clock.localTimeOf(start), "the agent's own clock before any answer");
        clock.record(sample(0, 20, 10_000, 20, 1_500));
        assertEquals(start.minusMillis(1_500), clock.localTimeOf(start));
        assertEquals(start, clock.serverTimeOf(clock.localTimeOf(start)));
        assertEquals(T.plusMillis(1_500), clock.serverNow());
    }

    @Test
    void aSymmetricRoundTripGivesTheExactOffsetWhateverTheServerHeldIt() {
        ClockSample longPoll = sample(0, 40, 10_000, 40, 1_234);
        assertEquals(1_234, longPoll.offsetMillis(), 1e-9);
        assertEquals(80, longPoll.delayMillis(), 1e-9, "the hold is not on the wire");
        ClockSample behind = sample(0, 5, 0, 5, -7_000);
        assertEquals(-7_000, behind.offsetMillis(), 1e-9);
    }

    @Test
    void anAsymmetricRoundTripErrsByAtMostHalfItsDelay() {
        ClockSample slowUp = sample(0, 90, 10_000, 10, 500);
        assertEquals(540, slowUp.offsetMillis(), 1e-9);
        assertEquals(100, slowUp.delayMillis(), 1e-9);
    }

    @Test
    void theSampleWithTheLeastDelayWins() {
        ServerClock clock = new ServerClock(Clock.fixed(T, ZoneOffset.UTC), 8);
        clock.record(sample(0, 300, 10_000, 20, 1_000));      // offset estimate 1140
        clock.record(sample(20_000, 6, 10_000, 4, 1_000));    // offset estimate 1001, delay 10
        clock.record(sample(40_000, 20, 10_000, 200, 1_000)); // offset estimate 910
        assertEquals(1_001, clock.offsetMillis().getAsDouble(), 1e-9);
        assertEquals(10, clock.uncertaintyMillis().getAsDouble(), 1e-9);
    }

    @Test
    void onlyTheLastSamplesCountSoAClockStepIsFollowed() {
        ServerClock clock = new ServerClock(Clock.fixed(T, ZoneOffset.UTC), 3);
        clock.record(sample(0, 1, 0, 1, 50));  // the best ever, but from before the step
        for (int i = 1; i <= 3; i++) {
            clock.record(sample(i * 10_000L, 30, 10_000, 30, 2_000));
        }
        assertEquals(2_000, clock.offsetMillis().getAsDouble(), 1e-9);
    }

    @Test
    void serverNowIsTheLocalClockPlusTheOffset() {
        ServerClock clock = new ServerClock(Clock.fixed(T, ZoneOffset.UTC), 4);
        assertEquals(T, clock.serverNow(), "before any answer: the agent's own clock");
        assertFalse(clock.offsetMillis().isPresent());
        clock.record(sample(0, 10, 0, 10, -2_500));
        assertEquals(T.minusMillis(2_500), clock.serverNow());
    }

    @Test
    void millisecondServerTimesNeverMakeANegativeDelay() {
        Instant sent = T.plusNanos(400_000);
        ClockSample sample = new ClockSample(sent, T.plusMillis(1), T.plusMillis(2), sent.plusNanos(600_000));
        assertEquals(0, sample.delayMillis(), 1e-9);
    }

    @Test
    void aClockWithoutRoomForASampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ServerClock(Clock.systemUTC(), 0));
    }
}
