package io.loadstack.support.login;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per username and per client address: a few free failures, then a wait
 * that doubles with each further failure up to a short cap. The cap keeps an attacker from locking the
 * real user out for long; the doubling makes guessing hopeless. Counters are per replica (nginx adds a
 * rate limit across both), bounded in number, and forgotten after the window.
 */
@Singleton
@Requires(beans = LoginAccounts.class)
public class LoginThrottle {

    private static final int MAX_TRACKED_KEYS = 100_000;

    private final int freeFailures;
    private final Duration maxDelay;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    public LoginThrottle(LoginSettings settings) {
        this(settings.freeFailures(), settings.maxDelay(), settings.window(), Clock.systemUTC());
    }

    LoginThrottle(int freeFailures, Duration maxDelay, Duration window, Clock clock) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.window = window;
        this.clock = clock;
    }

    /** @return how long the caller must wait before another attempt, if it must */
    public Optional<Duration> waitBefore(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitFor("user:" + username, now), waitFor("addr:" + address, now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED_KEYS) {
            forgetExpired();
        }
        if (failures.size() < MAX_TRACKED_KEYS) {
            failures.compute("user:" + username, (k, f) -> next(f, now));
            failures.compute("addr:" + address, (k, f) -> next(f, now));
        }
    }

    public void succeeded(String username) {
        failures.remove("user:" + username);
    }

    @Scheduled(fixedDelay = "1m")
    public void forgetExpired() {
        Instant cutoff = clock.instant().minus(window);
        failures.values().removeIf(f -> f.last().isBefore(cutoff));
    }

    private Duration waitFor(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < freeFailures || f.last().isBefore(now.minus(window))) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count() - freeFailures, 20);
        Duration delay = Duration.ofSeconds(1L << doublings);
        if (delay.compareTo(maxDelay) > 0) {
            delay = maxDelay;
        }
        Duration remaining = Duration.between(now, f.last().plus(delay));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private Failures next(Failures previous, Instant now) {
        if (previous == null || previous.last().isBefore(now.minus(window))) {
            return new Failures(1, now);
        }
        return new Failures(previous.count() + 1, now);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private record Failures(int count, Instant last) {
    }
}
