package io.loadstack.api.runs;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where tests make runs. They write the consumer-service's tables the way its writer does
 * (totals and percentiles precomputed, histograms left NULL), so that the api-service's tests need no
 * consumer. The browser tests (browser-it) make their runs through the consumer's ingestion API instead.
 */
public final class RunFixtures {

    public static final String CONSUMER_MIGRATIONS = "filesystem:../consumer-service/src/main/resources/db/consumer";
    public static final int SECONDS_PER_RECORD = 15;

    private final TestDatabase database;

    public RunFixtures(TestDatabase database) {
        this.database = database;
    }

    /** Creates the consumer-service's tables in the test schema, as that service would at its start. */
    public static void createTables(TestDatabase database) {
        database.migrate(CONSUMER_MIGRATIONS, "flyway_history_consumer");
    }

    /** What a run looks like; every record sees the same traffic, two endpoints share it 2:1. */
    public static final class Spec {
        String name = "checkout smoke";
        String status = "COMPLETED";
        Instant startedAt = Instant.parse("2026-11-23T10:00:00Z");
        Map<String, String> tags = new LinkedHashMap<>(Map.of("env", "staging"));
        int records = 4;
        long requestsPerRecord = 1500;
        long failuresPerRecord = 15;
        double p95 = 120.0;
        int users = 50;
        String owner = "admin";
        String uuid;
        List<String> thresholds;

        public Spec name(String v) { name = v; return this; }
        public Spec status(String v) { status = v; return this; }
        public Spec startedAt(Instant v) { startedAt = v; return this; }
        public Spec tag(String k, String v) { tags.put(k, v); return this; }
        public Spec noTags() { tags.clear(); return this; }
        public Spec records(int v) { records = v; return this; }
        public Spec requestsPerRecord(long v) { requestsPerRecord = v; return this; }
        public Spec failuresPerRecord(long v) { failuresPerRecord = v; return this; }
        public Spec p95(double v) { p95 = v; return this; }
        public Spec users(int v) { users = v; return this; }
        /** The run's uuid, e.g. the one a launch chose; a new one by default. */
        public Spec uuid(String v) { uuid = v; return this; }
        /** The thresholds its register sent. */
        public Spec thresholds(String... v) { thresholds = List.of(v); return this; }

        public long requests() { return records * requestsPerRecord; }
        public long failures() { return records * failuresPerRecord; }
        public Instant endedAt() { return startedAt.plusSeconds((long) records * SECONDS_PER_RECORD); }
    }

    public static Spec run() {
        return new Spec();
    }

    /** @return the new run's uuid */
    public String insert(Spec spec) {
        String uuid = spec.uuid != null ? spec.uuid : UUID.randomUUID().toString();
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            long owner = ownerId(c, spec.owner);
            Instant end = spec.endedAt();
            boolean running = spec.status.equals("RUNNING");
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO runs (uuid, owner_id, name, status, origin, host, target_host, started_at, ended_at,
                        last_activity_at, interval_start, intervals, users, max_users, requests, failures, min_ms, mean_ms, max_ms,
                        p50_ms, p90_ms, p95_ms, p99_ms, tags, fields, thresholds)
                    VALUES (?, ?, ?, ?, 'events', 'loadgen-1', 'http://10.10.10.1', ?, ?, ?, ?, ?, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?, '{}', ?)""")) {
                int i = 1;
                s.setString(i++, uuid);
                s.setLong(i++, owner);
                s.setString(i++, spec.name);
                s.setString(i++, spec.status);
                s.setTimestamp(i++, Timestamp.from(spec.startedAt));
                s.setTimestamp(i++, running ? null : Timestamp.from(end));
                s.setTimestamp(i++, Timestamp.from(end));
                s.setTimestamp(i++, Timestamp.from(end));
                s.setInt(i++, spec.records);
                s.setInt(i++, spec.users);
                s.setInt(i++, spec.users);
                s.setLong(i++, spec.requests());
                s.setLong(i++, spec.failures());
                // Without requests there are no latencies: the writer leaves them NULL.
                for (double factor : new double[] {0.5, 3, 0.5, 0.9, 1, 1.5}) {
                    if (spec.requests() == 0) {
                        s.setNull(i++, java.sql.Types.DOUBLE);
                    } else {
                        s.setDouble(i++, spec.p95 * factor);
                    }
                }
                s.setString(i++, HttpCall.json(spec.tags));
                s.setString(i, spec.thresholds == null ? null : HttpCall.json(spec.thresholds));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO run_tags (run_uuid, tag_key, tag_value) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> tag : spec.tags.entrySet()) {
                    s.setString(1, uuid);
                    s.setString(2, tag.getKey());
                    s.setString(3, tag.getValue());
                    s.executeUpdate();
                }
            }
            for (int seq = 0; seq < spec.records; seq++) {
                addRecord(c, uuid, spec, seq);
            }
            endpoint(c, uuid, "GET", "/cart", spec.requests() * 2 / 3, spec.failures() * 2 / 3, spec.p95 * 0.8);
            endpoint(c, uuid, "POST", "/checkout", spec.requests() - spec.requests() * 2 / 3,
                    spec.failures() - spec.failures() * 2 / 3, spec.p95 * 1.3);
            if (spec.failures() > 0) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO run_errors (run_uuid, method, name, message, occurrences) VALUES (?, 'POST', '/checkout', ?, ?)")) {
                    s.setString(1, uuid);
                    s.setString(2, "HTTPError('503 Server Error: Service Unavailable')");
                    s.setLong(3, spec.failures());
                    s.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return uuid;
    }

    /**
     * Ends a running run as the consumer's commit does: the status, the end time, and the interval being
     * collected closed at the end.
     */
    public void complete(String uuid, Instant endedAt) {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE runs SET status = 'COMPLETED', ended_at = ?, last_activity_at = ?, interval_start = ? WHERE uuid = ?")) {
            s.setTimestamp(1, Timestamp.from(endedAt));
            s.setTimestamp(2, Timestamp.from(endedAt));
            s.setTimestamp(3, Timestamp.from(endedAt));
            s.setString(4, uuid);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String table, String uuid) {
        String column = table.equals("runs") ? "uuid" : "run_uuid";
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
            s.setString(1, uuid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addRecord(Connection c, String uuid, Spec spec, int seq) throws SQLException {
        Instant start = spec.startedAt.plusSeconds((long) seq * SECONDS_PER_RECORD);
        // The whole-run row, then one per endpoint, as the writer stores them.
        record(c, uuid, seq, "", "", start, spec.users, spec.requestsPerRecord, spec.failuresPerRecord, spec.p95 + seq);
        record(c, uuid, seq, "GET", "/cart", start, spec.users, spec.requestsPerRecord * 2 / 3, spec.failuresPerRecord * 2 / 3, spec.p95 * 0.8);
        record(c, uuid, seq, "POST", "/checkout", start, spec.users, spec.requestsPerRecord - spec.requestsPerRecord * 2 / 3,
                spec.failuresPerRecord - spec.failuresPerRecord * 2 / 3, spec.p95 * 1.3);
    }

    private static void record(Connection c, String uuid, int seq, String method, String name, Instant start, int users,
                               long requests, long failures, double p95) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO run_intervals (run_uuid, seq, method, name, interval_start, interval_end, users, requests,
                    failures, rps, min_ms, mean_ms, max_ms, p50_ms, p90_ms, p95_ms, p99_ms, empty)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?)""")) {
            int i = 1;
            s.setString(i++, uuid);
            s.setInt(i++, seq);
            s.setString(i++, method);
            s.setString(i++, name);
            s.setTimestamp(i++, Timestamp.from(start));
            s.setTimestamp(i++, Timestamp.from(start.plusSeconds(SECONDS_PER_RECORD)));
            s.setInt(i++, users);
            s.setLong(i++, requests);
            s.setLong(i++, failures);
            s.setDouble(i++, requests / (double) SECONDS_PER_RECORD);
            s.setDouble(i++, p95 / 2);
            s.setDouble(i++, p95 * 3);
            s.setDouble(i++, p95 / 2);
            s.setDouble(i++, p95 * 0.9);
            s.setDouble(i++, p95);
            s.setDouble(i++, p95 * 1.5);
            s.setBoolean(i, requests == 0);
            s.executeUpdate();
        }
    }

    private static void endpoint(Connection c, String uuid, String method, String name, long requests, long failures,
                                 double p95) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO run_endpoints (run_uuid, method, name, requests, failures, min_ms, mean_ms, max_ms,
                    p50_ms, p90_ms, p95_ms, p99_ms) VALUES (?, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?, ?)""")) {
            int i = 1;
            s.setString(i++, uuid);
            s.setString(i++, method);
            s.setString(i++, name);
            s.setLong(i++, requests);
            s.setLong(i++, failures);
            s.setDouble(i++, p95 / 2);
            s.setDouble(i++, p95 * 3);
            s.setDouble(i++, p95 / 2);
            s.setDouble(i++, p95 * 0.9);
            s.setDouble(i++, p95);
            s.setDouble(i, p95 * 1.5);
            s.executeUpdate();
        }
    }

    private static long ownerId(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM users WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
