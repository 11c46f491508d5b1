package io.loadstack.agent.heartbeat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    /** Always the largest draw, or always the smallest. */
    private static RandomGenerator always(boolean largest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return largest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void theWaitDoublesUpToTenSeconds() {
        Backoff backoff = new Backoff(always(true));
        long[] expected = {500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000};
        for (long millis : expected) {
            assertEquals(Duration.ofMillis(millis), backoff.next());
        }
    }

    @Test
    void eachWaitIsAtLeastHalfItsStep() {
        Backoff backoff = new Backoff(always(false));
        long[] expected = {250, 500, 1_000, 2_000, 4_000, 5_000, 5_000};
        for (long millis : expected) {
            assertEquals(Duration.ofMillis(millis), backoff.next());
        }
    }

    @Test
    void randomWaitsStayWithinTheBounds() {
        Backoff backoff = new Backoff(new Random(42));
        for (int i = 0; i < 1_000; i++) {
            Duration wait = backoff.next();
            assertTrue(wait.toMillis() >= 250 && wait.toMillis() <= 10_000, wait.toString());
        }
    }

    @Test
    void aResetStartsOverAtHalfASecond() {
        Backoff backoff = new Backoff(always(true));
        for (int i = 0; i < 6; i++) {
            backoff.next();
        }
        backoff.reset();
        assertEquals(Duration.ofMillis(500), backoff.next());
    }
}
