package io.loadstack.api.notifications;

import io.loadstack.api.storage.JdbcTransactions;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Where every feature hands its notifications. Publishing only writes a delivery row per channel that wants
 * the event (an outbox) and returns: the delivery job posts them, so a receiver that is slow or down never
 * slows a launch, a report or ingestion.
 */
@Singleton
public class Notifier {

    private final JdbcTransactions transactions;
    private final ChannelStore channels;
    private final DeliveryStore deliveries;
    private final DeliveryBodies bodies;

    Notifier(JdbcTransactions transactions, ChannelStore channels, DeliveryStore deliveries, DeliveryBodies bodies) {
        this.transactions = transactions;
        this.channels = channels;
        this.deliveries = deliveries;
        this.bodies = bodies;
    }

    /** Queues the event for every channel that wants it, in a transaction of its own; returns how many. */
    public int publish(NotificationEvent event) {
        return transactions.inTransaction("publishing " + event.type().wireName(), connection -> publish(connection, event));
    }

    /**
     * As {@link #publish(NotificationEvent)}, in the caller's transaction: the deliveries exist exactly when
     * what caused them was committed.
     */
    int publish(Connection connection, NotificationEvent event) throws SQLException {
        int queued = 0;
        Instant now = now();
        for (Channel channel : channels.all(connection)) {
            if (channel.wants(event)) {
                queue(connection, channel, event, now);
                queued++;
            }
        }
        return queued;
    }

    /** Queues a {@link NotificationEvent.Ping} to one channel, whatever it subscribes to; returns its delivery id. */
    String ping(long channelId, String by) {
        return transactions.inTransaction("pinging a channel", connection -> {
            Channel channel = channels.find(connection, channelId, false)
                    .orElseThrow(() -> new NoSuchChannelException("no notification channel " + channelId));
            Instant now = now();
            return queue(connection, channel, new NotificationEvent.Ping(channel.name(), by, now), now);
        });
    }

    private String queue(Connection connection, Channel channel, NotificationEvent event, Instant now) throws SQLException {
        String uuid = UUID.randomUUID().toString();
        deliveries.insert(connection, uuid, channel.id(), event, bodies.body(channel.type(), uuid, event), now);
        return uuid;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
