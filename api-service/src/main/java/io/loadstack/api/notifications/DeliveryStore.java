package io.loadstack.api.notifications;

import io.loadstack.api.storage.SqlTime;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The deliveries (the outbox) in MySQL, plain JDBC. A delivery is claimed with {@code SKIP LOCKED} and a
 * lease ({@code next_attempt_at} moved past the post's timeout), so replicas share the work, never post one
 * twice at once, and a replica that dies mid-post leaves it to be taken again when the lease ends.
 */
@Singleton
class DeliveryStore {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    private static final int SUMMARY_LENGTH = 500;
    private static final int ERROR_LENGTH = 1000;

    /** A delivery taken for one attempt ({@code attempt} counts from 1). */
    record Claimed(long id, String uuid, long channelId, String event, String body, int attempt) {
    }

    /** A delivery as listed, with its channel's name. */
    record Listed(long id, String uuid, long channelId, String channel, String event, @Nullable String test,
                  @Nullable String runUuid, String summary, String status, int attempts, Instant createdAt,
                  @Nullable Instant lastAttemptAt, @Nullable Instant nextAttemptAt, @Nullable Integer lastStatusCode,
                  @Nullable String lastError, @Nullable Instant deliveredAt) {
    }

    void insert(Connection connection, String uuid, long channelId, NotificationEvent event, String body, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_deliveries (delivery_uuid,"
                + " channel_id, event, test, run_uuid, summary, body, status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            insert.setString(1, uuid);
            insert.setLong(2, channelId);
            insert.setString(3, event.type().wireName());
            insert.setString(4, cut(event.test(), 200));
            insert.setString(5, event.runUuid());
            insert.setString(6, cut(NotificationText.summary(event), SUMMARY_LENGTH));
            insert.setString(7, body);
            insert.setString(8, PENDING);
            SqlTime.set(insert, 9, now);
            SqlTime.set(insert, 10, now);
            insert.executeUpdate();
        }
    }

    /** Takes up to {@code limit} due deliveries for one attempt each, leasing them until {@code now + lease}. */
    List<Claimed> claimDue(Connection connection, Instant now, int limit, Duration lease) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, delivery_uuid, channel_id, event, body, attempts"
                + " FROM notification_deliveries WHERE status = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id"
                + " LIMIT ? FOR UPDATE SKIP LOCKED")) {
            query.setString(1, PENDING);
            SqlTime.set(query, 2, now);
            query.setInt(3, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    claimed.add(new Claimed(row.getLong("id"), row.getString("delivery_uuid"), row.getLong("channel_id"),
                            row.getString("event"), row.getString("body"), row.getInt("attempts") + 1));
                }
            }
        }
        if (claimed.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification_deliveries SET attempts = attempts + 1,"
                + " last_attempt_at = ?, next_attempt_at = ? WHERE id IN ("
                + claimed.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")")) {
            SqlTime.set(update, 1, now);
            SqlTime.set(update, 2, now.plus(lease));
            int i = 3;
            for (Claimed delivery : claimed) {
                update.setLong(i++, delivery.id());
            }
            update.executeUpdate();
        }
        return claimed;
    }

    /**
     * Writes an attempt's outcome: delivered, due again at {@code retryAt}, or given up on (both null). Only
     * the attempt that holds the claim writes: one whose lease ran out and was taken again changes nothing.
     */
    void recordAttempt(Connection connection, Claimed delivery, boolean delivered, @Nullable Integer statusCode,
                       @Nullable String error, @Nullable Instant retryAt, Instant now) throws SQLException {
        String status = delivered ? DELIVERED : retryAt != null ? PENDING : FAILED;
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification_deliveries SET status = ?,"
                + " last_status_code = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?"
                + " WHERE id = ? AND attempts = ? AND status = ?")) {
            update.setString(1, status);
            if (statusCode == null) {
                update.setNull(2, Types.INTEGER);
            } else {
                update.setInt(2, statusCode);
            }
            update.setString(3, cut(error, ERROR_LENGTH));
            SqlTime.set(update, 4, retryAt);
            SqlTime.set(update, 5, delivered ? now : null);
            update.setLong(6, delivery.id());
            update.setInt(7, delivery.attempt());
            update.setString(8, PENDING);
            update.executeUpdate();
        }
    }

    /** A page of deliveries, newest first, of one channel or of all. */
    List<Listed> page(Connection connection, @Nullable Long channelId, int page, int size) throws SQLException {
        List<Listed> listed = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT d.id, d.delivery_uuid, d.channel_id, c.name,"
                + " d.event, d.test, d.run_uuid, d.summary, d.status, d.attempts, d.created_at, d.last_attempt_at,"
                + " d.next_attempt_at, d.last_status_code, d.last_error, d.delivered_at FROM notification_deliveries d"
                + " JOIN notification_channels c ON c.id = d.channel_id"
                + (channelId == null ? "" : " WHERE d.channel_id = ?") + " ORDER BY d.id DESC LIMIT ? OFFSET ?")) {
            int i = 1;
            if (channelId != null) {
                query.setLong(i++, channelId);
            }
            query.setInt(i++, size);
            query.setLong(i, (long) page * size);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    int code = row.getInt("last_status_code");
                    Integer statusCode = row.wasNull() ? null : code;
                    listed.add(new Listed(row.getLong("id"), row.getString("delivery_uuid"), row.getLong("channel_id"),
                            row.getString("name"), row.getString("event"), row.getString("test"), row.getString("run_uuid"),
                            row.getString("summary"), row.getString("status"), row.getInt("attempts"),
                            SqlTime.get(row, "created_at"), SqlTime.get(row, "last_attempt_at"),
                            SqlTime.get(row, "next_attempt_at"), statusCode, row.getString("last_error"),
                            SqlTime.get(row, "delivered_at")));
                }
            }
        }
        return listed;
    }

    /** Deletes up to {@code limit} deliveries made before {@code before} that are over; returns how many. */
    int deleteFinished(Connection connection, Instant before, int limit) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM notification_deliveries"
                + " WHERE created_at < ? AND status <> ? ORDER BY created_at LIMIT ?")) {
            SqlTime.set(delete, 1, before);
            delete.setString(2, PENDING);
            delete.setInt(3, limit);
            return delete.executeUpdate();
        }
    }

    long count(Connection connection, @Nullable Long channelId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM notification_deliveries"
                + (channelId == null ? "" : " WHERE channel_id = ?"))) {
            if (channelId != null) {
                query.setLong(1, channelId);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String cut(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 2)) ? length - 2 : length - 1;
        return text.substring(0, end) + "…";
    }
}
