package io.loadstack.support.login;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), Duration.ofMinutes(15), clock);

    @Test
    void theFirstFailuresAreFree() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertTrue(throttle.waitBefore("alice", "10.0.0.1").isEmpty());
    }

    @Test
    void theWaitDoublesAndIsCapped() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(1), throttle.waitBefore("alice", "10.0.0.9").orElseThrow());
        throttle.failed("alice", "10.0.0.1");
        assertEquals(Duration.ofSeconds(2), throttle.waitBefore("alice", "10.0.0.9").orElseThrow());
        for (int i = 0; i < 20; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(60), throttle.waitBefore("alice", "10.0.0.9").orElseThrow());
    }

    @Test
    void theRealUserIsNotLockedOutForLong() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("alice", "10.6.6.6");
        }
        clock.advance(Duration.ofSeconds(61));
        assertTrue(throttle.waitBefore("alice", "192.168.1.5").isEmpty());
    }

    @Test
    void oneAddressGuessingManyUsernamesIsSlowedDown() {
        throttle.failed("a", "10.6.6.6");
        throttle.failed("b", "10.6.6.6");
        throttle.failed("c", "10.6.6.6");
        assertTrue(throttle.waitBefore("d", "10.6.6.6").isPresent());
        assertTrue(throttle.waitBefore("d", "10.0.0.2").isEmpty());
    }

    @Test
    void successForgetsTheUsernamesFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        throttle.succeeded("alice");
        assertTrue(throttle.waitBefore("alice", "10.0.0.2").isEmpty());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
