package io.loadstack.api.runs;

import io.micronaut.core.type.Argument;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the run tables the consumer-service writes (and deletes runs). Plain JDBC: the list's filter is a
 * dynamic query, and these tables belong to another service, so there are no entities to map them onto.
 */
@Singleton
public class RunQueries {

    private static final String RUN_COLUMNS = """
            r.uuid, r.name, r.status, u.username, r.origin, r.host, r.target_host, r.started_at, r.ended_at,
            r.last_activity_at, r.intervals, r.users, r.max_users, r.requests, r.failures, r.min_ms, r.mean_ms,
            r.max_ms, r.p50_ms, r.p90_ms, r.p95_ms, r.p99_ms, r.tags, r.interval_start""";
    private static final String RUN_FROM = " FROM runs r LEFT JOIN users u ON u.id = r.owner_id";
    private static final String[] RUN_TABLES = {"run_intervals", "run_endpoints", "run_errors", "run_tags", "run_sources"};

    private static final Logger LOG = LoggerFactory.getLogger(RunQueries.class);
    private static final int ER_NO_SUCH_TABLE = 1146;

    private final DataSource pool;
    private final JsonMapper json;

    public RunQueries(DataSource dataSource, DataSourceResolver resolver, JsonMapper json) {
        // Each call here is one short read (or one delete in its own transaction): straight to the pool.
        this.pool = resolver.resolve(dataSource);
        this.json = json;
    }

    public RunViews.Page list(RunFilter filter) {
        String where = " WHERE " + filter.where();
        List<Object> parameters = filter.parameters();
        try (Connection connection = pool.getConnection()) {
            long total;
            try (PreparedStatement count = prepare(connection, "SELECT COUNT(*) FROM runs r" + where, parameters);
                 ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            List<Object> paged = new ArrayList<>(parameters);
            paged.add(filter.size());
            paged.add((long) filter.page() * filter.size());
            List<RunViews.Run> items = new ArrayList<>();
            try (PreparedStatement query = prepare(connection, "SELECT " + RUN_COLUMNS + RUN_FROM + where
                    + " ORDER BY r.started_at DESC, r.uuid LIMIT ? OFFSET ?", paged);
                 ResultSet rows = query.executeQuery()) {
                Instant now = Instant.now();
                while (rows.next()) {
                    items.add(run(rows, now));
                }
            }
            return new RunViews.Page(items, filter.page(), filter.size(), total);
        } catch (SQLException e) {
            throw failure("listing runs", e);
        }
    }

    public Optional<RunViews.Run> find(String uuid) {
        List<RunViews.Run> found = new ArrayList<>();
        query("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.uuid = ?", List.of(uuid), rows -> found.add(run(rows, Instant.now())));
        return found.stream().findFirst();
    }

    /** The whole-run 15-second records, in order. */
    public List<RunViews.SeriesPoint> series(String uuid) {
        List<RunViews.SeriesPoint> points = new ArrayList<>();
        query("""
                SELECT seq, interval_start, interval_end, users, requests, failures, rps, min_ms, mean_ms, max_ms,
                       p50_ms, p90_ms, p95_ms, p99_ms, empty
                FROM run_intervals WHERE run_uuid = ? AND method = '' AND name = '' ORDER BY seq""", List.of(uuid), rows -> {
            long requests = rows.getLong("requests");
            long failures = rows.getLong("failures");
            points.add(new RunViews.SeriesPoint(rows.getInt("seq"), instant(rows, "interval_start"),
                    instant(rows, "interval_end"), rows.getInt("users"), requests, failures, rows.getDouble("rps"),
                    rate(failures, requests), real(rows, "min_ms"), real(rows, "mean_ms"), real(rows, "max_ms"),
                    real(rows, "p50_ms"), real(rows, "p90_ms"), real(rows, "p95_ms"), real(rows, "p99_ms"),
                    rows.getBoolean("empty")));
        });
        return points;
    }

    /**
     * Every 15-second record of the run, the whole-run ones (method and name empty) and the endpoints', in
     * order, one at a time: a long run has many.
     */
    public void records(String uuid, Consumer<RunViews.IntervalRecord> handler) {
        query("""
                SELECT seq, interval_start, interval_end, method, name, users, requests, failures, rps, min_ms, mean_ms,
                       p50_ms, p90_ms, p95_ms, p99_ms, max_ms
                FROM run_intervals WHERE run_uuid = ? ORDER BY seq, method <> '' OR name <> '', method, name""",
                List.of(uuid), rows -> handler.accept(new RunViews.IntervalRecord(rows.getInt("seq"),
                        instant(rows, "interval_start"), instant(rows, "interval_end"), rows.getString("method"),
                        rows.getString("name"), rows.getInt("users"), rows.getLong("requests"),
                        rows.getLong("failures"), rows.getDouble("rps"), real(rows, "min_ms"), real(rows, "mean_ms"),
                        real(rows, "p50_ms"), real(rows, "p90_ms"), real(rows, "p95_ms"), real(rows, "p99_ms"),
                        real(rows, "max_ms"))));
    }

    /** Per-endpoint totals, busiest first; {@code seconds} is the run's covered time, for the rate. */
    public List<RunViews.Endpoint> endpoints(String uuid, double seconds) {
        List<RunViews.Endpoint> endpoints = new ArrayList<>();
        query("""
                SELECT method, name, requests, failures, min_ms, mean_ms, p50_ms, p90_ms, p95_ms, p99_ms, max_ms
                FROM run_endpoints WHERE run_uuid = ? ORDER BY requests DESC, method, name""", List.of(uuid), rows -> {
            long requests = rows.getLong("requests");
            long failures = rows.getLong("failures");
            endpoints.add(new RunViews.Endpoint(rows.getString("method"), rows.getString("name"), requests, failures,
                    rate(failures, requests), requests / Math.max(1.0, seconds), real(rows, "min_ms"),
                    real(rows, "mean_ms"), real(rows, "p50_ms"), real(rows, "p90_ms"), real(rows, "p95_ms"),
                    real(rows, "p99_ms"), real(rows, "max_ms")));
        });
        return endpoints;
    }

    public List<RunViews.RunError> errors(String uuid) {
        List<RunViews.RunError> errors = new ArrayList<>();
        query("SELECT method, name, message, occurrences FROM run_errors WHERE run_uuid = ? ORDER BY occurrences DESC, method, name, message",
                List.of(uuid), rows -> errors.add(new RunViews.RunError(rows.getString("method"),
                        rows.getString("name"), rows.getString("message"), rows.getLong("occurrences"))));
        return errors;
    }

    /** Deletes the run and its rows in every run_* table, all or nothing. @return whether it existed */
    public boolean delete(String uuid) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (String table : RUN_TABLES) {
                    try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE run_uuid = ?")) {
                        statement.setString(1, uuid);
                        statement.executeUpdate();
                    }
                }
                int deleted;
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM runs WHERE uuid = ?")) {
                    statement.setString(1, uuid);
                    deleted = statement.executeUpdate();
                }
                connection.commit();
                return deleted > 0;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("deleting run " + uuid, e);
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rows) throws SQLException;
    }

    private void query(String sql, List<Object> parameters, RowHandler handler) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handler.row(rows);
            }
        } catch (SQLException e) {
            throw failure("a run query", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private RunViews.Run run(ResultSet rows, Instant now) throws SQLException {
        String status = rows.getString("status");
        Instant started = instant(rows, "started_at");
        Instant ended = instant(rows, "ended_at");
        Instant lastActivity = instant(rows, "last_activity_at");
        long requests = rows.getLong("requests");
        long failures = rows.getLong("failures");
        // A running run lasts until now; its totals, though, cover only the records written so far, which end
        // where the interval being collected starts.
        Instant recordedUntil = ended != null ? ended : instant(rows, "interval_start");
        Instant end = ended != null ? ended : "RUNNING".equals(status) ? now : lastActivity;
        double duration = Math.max(0, (end.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        RunViews.Run partial = new RunViews.Run(rows.getString("uuid"), rows.getString("name"), status,
                rows.getString("username"), rows.getString("origin"), rows.getString("host"),
                rows.getString("target_host"), started, ended, lastActivity, recordedUntil, duration,
                rows.getInt("intervals"), rows.getInt("users"), rows.getInt("max_users"), requests, failures,
                rate(failures, requests), 0, real(rows, "min_ms"), real(rows, "mean_ms"), real(rows, "max_ms"),
                real(rows, "p50_ms"), real(rows, "p90_ms"), real(rows, "p95_ms"), real(rows, "p99_ms"),
                tags(rows.getString("tags")));
        return partial.withRps(requests / coveredSeconds(partial));
    }

    /** Seconds the run's totals cover, for per-endpoint rates. */
    public static double coveredSeconds(RunViews.Run run) {
        return Math.max(1.0, (run.recordedUntil().toEpochMilli() - run.startedAt().toEpochMilli()) / 1000.0);
    }

    private Map<String, String> tags(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = json.readValue(text, Argument.mapOf(String.class, Object.class));
            Map<String, String> tags = new LinkedHashMap<>();
            raw.forEach((k, v) -> tags.put(k, v == null ? "" : v.toString()));
            return tags;
        } catch (IOException e) {
            // Tags are the consumer's JSON; a broken one must not hide the run.
            return Map.of();
        }
    }

    /**
     * The consumer-service creates the run tables at its first start; until then there is nothing to read,
     * which is a state of the deployment to explain (503), not a server bug.
     */
    private static RuntimeException failure(String what, SQLException e) {
        if (e.getErrorCode() == ER_NO_SUCH_TABLE) {
            LOG.warn("{}: {} (is the consumer-service running against this database?)", what, e.getMessage());
            return new RunTablesMissingException();
        }
        return new IllegalStateException(what + " failed", e);
    }

    static double rate(long failures, long requests) {
        return requests == 0 ? 0.0 : (double) failures / requests;
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp t = rows.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Double real(ResultSet rows, String column) throws SQLException {
        double v = rows.getDouble(column);
        return rows.wasNull() ? null : v;
    }
}
