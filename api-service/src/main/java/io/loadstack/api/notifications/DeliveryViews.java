package io.loadstack.api.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Deliveries as listed: what was sent where, and how its last attempt went. */
public final class DeliveryViews {

    private DeliveryViews() {
    }

    /**
     * @param status        PENDING (not sent yet or waiting for a retry at {@code nextAttemptAt}), DELIVERED, FAILED (given up)
     * @param lastError     why the last attempt failed; null when it did not
     */
    @Serdeable
    public record Delivery(long id, String delivery, long channelId, String channel, String event, @Nullable String test,
                           @Nullable String runUuid, String summary, String status, int attempts, Instant createdAt,
                           @Nullable Instant lastAttemptAt, @Nullable Instant nextAttemptAt,
                           @Nullable Integer lastStatusCode, @Nullable String lastError, @Nullable Instant deliveredAt) {

        static Delivery of(DeliveryStore.Listed d) {
            return new Delivery(d.id(), d.uuid(), d.channelId(), d.channel(), d.event(), d.test(), d.runUuid(), d.summary(),
                    d.status(), d.attempts(), d.createdAt(), d.lastAttemptAt(),
                    DeliveryStore.PENDING.equals(d.status()) ? d.nextAttemptAt() : null, d.lastStatusCode(), d.lastError(),
                    d.deliveredAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<Delivery> items, int page, int size, long total) {
    }
}
