package io.loadstack.api.notifications;

import io.loadstack.api.storage.JdbcTransactions;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Posts the due deliveries, on every replica once a second: each takes a batch with {@code SKIP LOCKED}
 * (DeliveryStore), posts them at once, and records each outcome, retrying with the configured backoff and
 * giving up with a logged reason when the waits are used up or the receiver refused for good.
 */
@Singleton
class DeliveryJob {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJob.class);
    private static final int DELETED_PER_ROUND = 500;

    private final JdbcTransactions transactions;
    private final DeliveryStore deliveries;
    private final ChannelStore channels;
    private final DeliveryPoster poster;
    private final NotificationSettings settings;

    DeliveryJob(JdbcTransactions transactions, DeliveryStore deliveries, ChannelStore channels, DeliveryPoster poster,
                NotificationSettings settings) {
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.channels = channels;
        this.poster = poster;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void tick() {
        try {
            deliverDue();
            forgetOld();
        } catch (RuntimeException e) {
            LOG.error("the notification delivery job failed; it runs again in a second", e);
        }
    }

    /** Deliveries that are over leave the list after LOADSTACK_NOTIFICATIONS_KEEP, a few at a time. */
    void forgetOld() {
        transactions.inTransaction("deleting old notification deliveries", connection ->
                deliveries.deleteFinished(connection, Notifier.now().minus(settings.keep()), DELETED_PER_ROUND));
    }

    /** One round: claims a batch, posts it, waits for every answer (each bounded by the timeout). */
    void deliverDue() {
        record Batch(List<DeliveryStore.Claimed> claimed, Map<Long, Channel> channels) {
        }
        Batch batch = transactions.inTransaction("claiming notification deliveries", connection -> {
            List<DeliveryStore.Claimed> claimed = deliveries.claimDue(connection, Notifier.now(), settings.batchSize(),
                    settings.claimLease());
            Map<Long, Channel> byId = channels.withIds(connection, claimed.stream().map(DeliveryStore.Claimed::channelId)
                    .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Channel::id, Function.identity()));
            return new Batch(claimed, byId);
        });
        CompletableFuture<?>[] posts = batch.claimed().stream()
                // A channel deleted since the claim took its deliveries with it.
                .filter(delivery -> batch.channels().containsKey(delivery.channelId()))
                .map(delivery -> poster.post(batch.channels().get(delivery.channelId()), delivery)
                        .thenAccept(outcome -> record(batch.channels().get(delivery.channelId()), delivery, outcome)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(posts).join();
    }

    private void record(Channel channel, DeliveryStore.Claimed delivery, DeliveryPoster.Outcome outcome) {
        Instant now = Notifier.now();
        Instant retryAt = null;
        if (!outcome.delivered()) {
            if (outcome.retryable() && delivery.attempt() < settings.maxAttempts()) {
                Duration wait = settings.backoff().get(delivery.attempt() - 1);
                retryAt = now.plus(wait);
                LOG.info("notification {} ({}) to channel '{}' failed on attempt {} ({}); trying again in {}", delivery.uuid(),
                        delivery.event(), channel.name(), delivery.attempt(), outcome.error(), wait);
            } else {
                LOG.warn("gave up on notification {} ({}) to channel '{}' after {} attempt(s): {}", delivery.uuid(),
                        delivery.event(), channel.name(), delivery.attempt(), outcome.retryable()
                                ? outcome.error() + "; no retries left" : outcome.error() + "; a retry would not change that");
            }
        }
        Instant retry = retryAt;
        try {
            transactions.inTransaction("recording a notification attempt", connection -> {
                deliveries.recordAttempt(connection, delivery, outcome.delivered(), outcome.statusCode(), outcome.error(),
                        retry, now);
                return null;
            });
        } catch (RuntimeException e) {
            // The claim's lease ends and the delivery is posted again: at least once, never lost.
            LOG.error("recording the outcome of notification {} failed", delivery.uuid(), e);
        }
    }
}
