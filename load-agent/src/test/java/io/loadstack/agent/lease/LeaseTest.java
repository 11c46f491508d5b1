package io.loadstack.agent.lease;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseTest {

    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private final Lease lease = new Lease(Duration.ofSeconds(30), nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void anAgentNeverAnsweredHoldsNoLease() {
        assertTrue(lease.leaseExpired());
    }

    @Test
    void anAnswerHoldsTheLeaseForItsLength() {
        lease.renew();
        advance(Duration.ofSeconds(30).minusNanos(1));
        assertFalse(lease.leaseExpired());
        advance(Duration.ofNanos(1));
        assertTrue(lease.leaseExpired());
    }

    @Test
    void eachAnswerStartsTheLeaseOver() {
        lease.renew();
        advance(Duration.ofSeconds(25));
        lease.renew();
        advance(Duration.ofSeconds(25));
        assertFalse(lease.leaseExpired());
        advance(Duration.ofSeconds(5));
        assertTrue(lease.leaseExpired());
        lease.renew();
        assertFalse(lease.leaseExpired(), "a late answer gives the lease back");
    }

    @Test
    void aMonotonicClockThatWrapsStillCounts() {
        nanos.set(Long.MAX_VALUE - 1_000);
        lease.renew();
        advance(Duration.ofSeconds(10));
        assertFalse(lease.leaseExpired());
        advance(Duration.ofSeconds(20));
        assertTrue(lease.leaseExpired());
    }
}
