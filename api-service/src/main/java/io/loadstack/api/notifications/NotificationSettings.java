package io.loadstack.api.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * How notifications are delivered ({@code LOADSTACK_NOTIFICATIONS_*}); api-service/README.md, "Notifications".
 *
 * @param timeout   how long a receiver may take to connect and to answer one delivery
 * @param backoff   the waits before each retry of a failed delivery; once they are used up it is given up on
 * @param batchSize how many due deliveries a replica takes at a time (posted concurrently)
 * @param keep      how long a delivered or given-up delivery stays listed before it is deleted
 */
@ConfigurationProperties("loadstack.notifications")
public record NotificationSettings(@Bindable(defaultValue = "5s") Duration timeout,
                                   @Bindable(defaultValue = "5s,30s,2m,10m") List<Duration> backoff,
                                   @Bindable(defaultValue = "20") int batchSize,
                                   @Bindable(defaultValue = "30d") Duration keep) {

    public NotificationSettings {
        backoff = List.copyOf(backoff);
        if (timeout.isNegative() || timeout.isZero() || batchSize < 1 || backoff.stream().anyMatch(Duration::isNegative)
                || keep.isNegative()) {
            throw new ConfigurationException("loadstack.notifications: timeout (" + timeout + ") must be positive, batch-size ("
                    + batchSize + ") at least 1, and no backoff wait (" + backoff + ") nor keep (" + keep + ") negative");
        }
    }

    /** Attempts before a delivery is given up on: the first and one per backoff wait. */
    int maxAttempts() {
        return backoff.size() + 1;
    }

    /**
     * How long a claimed delivery is left to the replica posting it before another may take it: past the
     * post's own timeout, so that only a replica that died mid-post leaves one to be sent again.
     */
    Duration claimLease() {
        return timeout.multipliedBy(3);
    }
}
