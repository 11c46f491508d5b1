package io.loadstack.api.notifications;

import io.loadstack.api.storage.SqlTime;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the run watcher reads and marks: the consumer-service's runs table (read only) and its own
 * checkpoint and marks. Plain JDBC on the watcher's transaction.
 */
@Singleton
class RunWatchStore {

    private static final String RUN_COLUMNS = "r.uuid, r.name, r.status, r.origin, r.host, r.target_host, r.started_at,"
            + " r.ended_at, r.requests, r.failures, r.p50_ms, r.p95_ms, r.p99_ms, r.max_users";

    /** A run as the watcher tells about it. */
    record WatchedRun(String uuid, String name, String status, String origin, @Nullable String host,
                      @Nullable String targetHost, Instant startedAt, @Nullable Instant endedAt, long requests, long failures,
                      @Nullable Double p50Ms, @Nullable Double p95Ms, @Nullable Double p99Ms, int maxUsers) {
    }

    /** The checkpoint, locked until the transaction ends; empty when another replica holds it. */
    Optional<Instant> lockCheckpoint(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT seen_until FROM notification_watch WHERE name = 'runs' FOR UPDATE SKIP LOCKED");
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(SqlTime.get(row, "seen_until")) : Optional.empty();
        }
    }

    void moveCheckpoint(Connection connection, Instant seenUntil) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification_watch SET seen_until = ? WHERE name = 'runs'")) {
            SqlTime.set(update, 1, seenUntil);
            update.executeUpdate();
        }
    }

    /** Runs whose start was not told: every one still RUNNING, and any that started since {@code since}. */
    List<WatchedRun> untoldStarts(Connection connection, Instant since, int limit) throws SQLException {
        return runs(connection, "SELECT " + RUN_COLUMNS + " FROM runs r LEFT JOIN notification_runs n ON n.run_uuid = r.uuid"
                + " WHERE n.run_uuid IS NULL AND (r.status = 'RUNNING' OR r.started_at >= ?) ORDER BY r.started_at LIMIT ?", since, limit);
    }

    /** Runs whose start was told and that have ended since. */
    List<WatchedRun> untoldEnds(Connection connection, int limit) throws SQLException {
        return runs(connection, "SELECT " + RUN_COLUMNS + " FROM notification_runs n JOIN runs r ON r.uuid = n.run_uuid"
                + " WHERE n.end_told_at IS NULL AND r.status <> 'RUNNING' ORDER BY r.started_at LIMIT ?", null, limit);
    }

    /** Running runs told started whose live threshold failure (if any) is not told yet. */
    List<WatchedRun> runningUntoldThresholds(Connection connection, int limit) throws SQLException {
        return runs(connection, "SELECT " + RUN_COLUMNS + " FROM notification_runs n JOIN runs r ON r.uuid = n.run_uuid"
                + " WHERE n.end_told_at IS NULL AND n.threshold_told_at IS NULL AND r.status = 'RUNNING'"
                + " ORDER BY r.started_at LIMIT ?", null, limit);
    }

    void thresholdTold(Connection connection, String uuid, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE notification_runs SET threshold_told_at = ? WHERE run_uuid = ?")) {
            SqlTime.set(update, 1, now);
            update.setString(2, uuid);
            update.executeUpdate();
        }
    }

    void startTold(Connection connection, String uuid, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO notification_runs (run_uuid, start_told_at) VALUES (?, ?)")) {
            insert.setString(1, uuid);
            SqlTime.set(insert, 2, now);
            insert.executeUpdate();
        }
    }

    void endTold(Connection connection, String uuid, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE notification_runs SET end_told_at = ? WHERE run_uuid = ?")) {
            SqlTime.set(update, 1, now);
            update.setString(2, uuid);
            update.executeUpdate();
        }
    }

    /**
     * Forgets marks no query can need again: runs told ended before {@code before} (long out of the start
     * window), and runs deleted (retention, a user) before their end was told.
     */
    void forget(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM notification_runs WHERE end_told_at < ?")) {
            SqlTime.set(delete, 1, before);
            delete.executeUpdate();
        }
        // The orphans are found with a plain read, then deleted by key: a DELETE joined with runs would lock
        // the runs rows it reads, which the consumer's writer updates.
        List<String> orphans = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT n.run_uuid FROM notification_runs n"
                + " LEFT JOIN runs r ON r.uuid = n.run_uuid WHERE r.uuid IS NULL AND n.start_told_at < ?")) {
            SqlTime.set(query, 1, before);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    orphans.add(row.getString(1));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM notification_runs WHERE run_uuid = ?")) {
            for (String uuid : orphans) {
                delete.setString(1, uuid);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static List<WatchedRun> runs(Connection connection, String sql, @Nullable Instant since, int limit)
            throws SQLException {
        List<WatchedRun> runs = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            if (since != null) {
                SqlTime.set(query, i++, since);
            }
            query.setInt(i, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    runs.add(new WatchedRun(row.getString("uuid"), row.getString("name"), row.getString("status"),
                            row.getString("origin"), row.getString("host"), row.getString("target_host"),
                            SqlTime.get(row, "started_at"), SqlTime.get(row, "ended_at"), row.getLong("requests"),
                            row.getLong("failures"), nullableDouble(row, "p50_ms"), nullableDouble(row, "p95_ms"),
                            nullableDouble(row, "p99_ms"), row.getInt("max_users")));
                }
            }
        }
        return runs;
    }

    private static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
