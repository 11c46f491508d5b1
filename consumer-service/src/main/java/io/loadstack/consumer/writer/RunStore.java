package io.loadstack.consumer.writer;

import io.loadstack.consumer.runs.Accumulator;
import io.loadstack.consumer.runs.EndpointKey;
import io.loadstack.consumer.runs.HistogramCodec;
import io.loadstack.consumer.runs.LatencySummary;
import io.loadstack.consumer.runs.LiveRun;
import io.loadstack.consumer.runs.RunStatus;
import io.loadstack.consumer.runs.SeqWindow;
import io.micronaut.core.type.Argument;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The consumer's MySQL side: writes pending run states in one transaction with the journal checkpoint,
 * and reads back, at start, the runs that may still change. Plain JDBC with multi-row upserts
 * ({@link MultiRowUpsert}): this is the writer's hot path (a thousand runs per tick) and needs no mapping layer.
 */
@Singleton
public class RunStore {

    private static final List<String> RUN_COLUMNS = List.of("uuid", "owner_id", "name", "status", "origin", "host",
            "target_host", "started_at", "ended_at", "last_activity_at", "intervals", "interval_start", "users", "max_users",
            "requests", "failures", "min_ms", "mean_ms", "max_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "histogram", "tags",
            "fields", "thresholds", "final_stats", "applied_lsn");
    private static final List<String> RUN_UPDATED = List.of("status", "ended_at", "last_activity_at", "intervals",
            "interval_start", "users", "max_users", "requests", "failures", "min_ms", "mean_ms", "max_ms", "p50_ms", "p90_ms",
            "p95_ms", "p99_ms", "histogram", "final_stats", "applied_lsn");
    private static final String INSERT_TAG = "INSERT IGNORE INTO run_tags (run_uuid, tag_key, tag_value) VALUES (?, ?, ?)";
    private static final List<String> INTERVAL_COLUMNS = List.of("run_uuid", "seq", "method", "name", "interval_start",
            "interval_end", "users", "requests", "failures", "rps", "min_ms", "mean_ms", "max_ms", "p50_ms", "p90_ms", "p95_ms",
            "p99_ms", "empty", "histogram");
    private static final List<String> INTERVAL_UPDATED = List.of("requests", "failures", "rps", "histogram");
    private static final List<String> ENDPOINT_COLUMNS = List.of("run_uuid", "method", "name", "requests", "failures",
            "min_ms", "mean_ms", "max_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "histogram");
    private static final List<String> ENDPOINT_UPDATED = List.of("requests", "failures", "min_ms", "mean_ms", "max_ms",
            "p50_ms", "p90_ms", "p95_ms", "p99_ms", "histogram");
    private static final List<String> ERROR_COLUMNS = List.of("run_uuid", "method", "name", "message", "occurrences");
    private static final List<String> ERROR_UPDATED = List.of("occurrences");
    private static final List<String> SOURCE_COLUMNS = List.of("run_uuid", "source", "max_seq", "seen");
    private static final List<String> SOURCE_UPDATED = List.of("max_seq", "seen");
    private static final String UPSERT_CHECKPOINT = """
            INSERT INTO consumer_checkpoints (journal_id, lsn, updated_at) VALUES (?, ?, ?)
            ON DUPLICATE KEY UPDATE lsn = GREATEST(lsn, VALUES(lsn)), updated_at = VALUES(updated_at)""";

    private final DataSource pool;
    private final JsonMapper json;

    public RunStore(DataSource dataSource, DataSourceResolver resolver, JsonMapper json) {
        // The writer manages its own transactions; it talks to the pool, not the transaction-aware proxy.
        this.pool = resolver.resolve(dataSource);
        this.json = json;
    }

    /** Writes every pending batch in one transaction; @return the highest checkpoint now in MySQL, or 0 */
    public long write(String journalId, List<PendingWrites.Batch> batches) throws SQLException {
        Map<String, RunWrite> latest = new LinkedHashMap<>();
        List<RunWrite> all = new ArrayList<>();
        long checkpoint = 0;
        for (PendingWrites.Batch batch : batches) {
            checkpoint = Math.max(checkpoint, batch.checkpointLsn());
            for (RunWrite run : batch.runs()) {
                all.add(run);
                if (!run.isRecordsOnly()) {
                    // PendingWrites keeps one full write per run, holding every unwritten total.
                    latest.put(run.uuid(), run);
                }
            }
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                writeRuns(connection, latest.values());
                writeTags(connection, all);
                writeIntervals(connection, all);
                writeEndpoints(connection, latest.values());
                writeErrors(connection, latest.values());
                writeSources(connection, latest.values());
                if (checkpoint > 0) {
                    try (PreparedStatement statement = connection.prepareStatement(UPSERT_CHECKPOINT)) {
                        statement.setString(1, journalId);
                        statement.setLong(2, checkpoint);
                        statement.setTimestamp(3, Timestamp.from(Instant.now()));
                        statement.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    // The first failure says why (a lost connection, a refused row); the rollback's is a consequence.
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
        return checkpoint;
    }

    private void writeRuns(Connection connection, Iterable<RunWrite> runs) throws SQLException {
        MultiRowUpsert rows = new MultiRowUpsert("runs", RUN_COLUMNS, RUN_UPDATED);
        for (RunWrite run : runs) {
            StoredStats total = run.runTotal();
            LatencySummary latencies = total.latencies();
            rows.add(run.uuid(), run.ownerId(), run.name(), run.status().name(), run.origin(), run.host(), run.targetHost(),
                    timestamp(run.startedAt()), timestamp(run.endedAt()), timestamp(run.lastActivity()), run.intervals(),
                    timestamp(run.intervalStart()), run.users(), run.maxUsers(), total.requests(), total.failures(),
                    latencies.min(), latencies.mean(), latencies.max(), latencies.p50(), latencies.p90(), latencies.p95(),
                    latencies.p99(), total.histogram(), toJson(run.tags()), run.fields(),
                    run.thresholds() == null ? null : toJson(run.thresholds()), run.finalStats(), run.appliedLsn());
        }
        rows.execute(connection);
    }

    private void writeTags(Connection connection, List<RunWrite> runs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_TAG)) {
            for (RunWrite run : runs) {
                if (!run.writeTags()) {
                    continue;
                }
                for (Map.Entry<String, String> tag : run.tags().entrySet()) {
                    statement.setString(1, run.uuid());
                    statement.setString(2, tag.getKey());
                    statement.setString(3, tag.getValue());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void writeIntervals(Connection connection, List<RunWrite> runs) throws SQLException {
        MultiRowUpsert rows = new MultiRowUpsert("run_intervals", INTERVAL_COLUMNS, INTERVAL_UPDATED);
        for (RunWrite run : runs) {
            for (RunWrite.IntervalRecord record : run.records()) {
                StoredStats data = record.data();
                LatencySummary latencies = data.latencies();
                rows.add(run.uuid(), record.seq(), record.endpoint().method(), record.endpoint().name(),
                        timestamp(record.start()), timestamp(record.end()), record.users(), data.requests(), data.failures(),
                        record.rps(), latencies.min(), latencies.mean(), latencies.max(), latencies.p50(), latencies.p90(),
                        latencies.p95(), latencies.p99(), record.empty(), data.histogram());
            }
        }
        rows.execute(connection);
    }

    private static void writeEndpoints(Connection connection, Iterable<RunWrite> runs) throws SQLException {
        MultiRowUpsert rows = new MultiRowUpsert("run_endpoints", ENDPOINT_COLUMNS, ENDPOINT_UPDATED);
        for (RunWrite run : runs) {
            for (Map.Entry<EndpointKey, StoredStats> endpoint : run.endpointTotals().entrySet()) {
                StoredStats data = endpoint.getValue();
                LatencySummary latencies = data.latencies();
                rows.add(run.uuid(), endpoint.getKey().method(), endpoint.getKey().name(), data.requests(), data.failures(),
                        latencies.min(), latencies.mean(), latencies.max(), latencies.p50(), latencies.p90(), latencies.p95(),
                        latencies.p99(), data.histogram());
            }
        }
        rows.execute(connection);
    }

    private static void writeErrors(Connection connection, Iterable<RunWrite> runs) throws SQLException {
        MultiRowUpsert rows = new MultiRowUpsert("run_errors", ERROR_COLUMNS, ERROR_UPDATED);
        for (RunWrite run : runs) {
            for (Map.Entry<LiveRun.ErrorKey, Long> error : run.errors().entrySet()) {
                rows.add(run.uuid(), error.getKey().method(), error.getKey().name(), error.getKey().message(), error.getValue());
            }
        }
        rows.execute(connection);
    }

    private static void writeSources(Connection connection, Iterable<RunWrite> runs) throws SQLException {
        MultiRowUpsert rows = new MultiRowUpsert("run_sources", SOURCE_COLUMNS, SOURCE_UPDATED);
        for (RunWrite run : runs) {
            for (Map.Entry<String, SeqWindow> source : run.sources().entrySet()) {
                rows.add(run.uuid(), source.getKey(), source.getValue().max(), source.getValue().bits());
            }
        }
        rows.execute(connection);
    }

    /** A time {@link Timestamp} cannot hold is refused like one MySQL cannot: for the run's data, not the writer's. */
    private static Timestamp timestamp(Instant instant) throws SQLDataException {
        try {
            return instant == null ? null : Timestamp.from(instant);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("time out of range: " + instant, "22008", e);
        }
    }

    public long checkpoint(String journalId) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT lsn FROM consumer_checkpoints WHERE journal_id = ?")) {
            statement.setString(1, journalId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** The status MySQL has for a run the recorder no longer holds (finished long ago, or before a restart). */
    public Optional<StoredRun> findRun(String uuid) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT owner_id, status FROM runs WHERE uuid = ?")) {
            statement.setString(1, uuid);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new StoredRun(row.getLong(1), RunStatus.valueOf(row.getString(2)))) : Optional.empty();
            }
        }
    }

    public record StoredRun(long ownerId, RunStatus status) {
    }

    /**
     * The runs that may still change after a restart: those RUNNING, and those whose stored state is newer
     * than the checkpoint (so that the replay knows which of their entries they already reflect).
     */
    public List<LiveRun> loadLiveRuns(long checkpoint) throws SQLException {
        List<LiveRun> runs = new ArrayList<>();
        try (Connection connection = pool.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT uuid, owner_id, name, origin, host, target_host, started_at, tags, fields, thresholds, status, ended_at,
                           last_activity_at, applied_lsn, intervals, interval_start, users, max_users
                    FROM runs WHERE status = 'RUNNING' OR applied_lsn > ?""")) {
                statement.setLong(1, checkpoint);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        String uuid = row.getString("uuid");
                        runs.add(LiveRun.restored(uuid, row.getLong("owner_id"), row.getString("name"),
                                row.getString("origin"), row.getString("host"), row.getString("target_host"),
                                instant(row, "started_at"), tags(row.getString("tags")), row.getString("fields"),
                                thresholds(row.getString("thresholds")), RunStatus.valueOf(row.getString("status")), instant(row, "ended_at"),
                                instant(row, "last_activity_at"), row.getLong("applied_lsn"), row.getInt("intervals"),
                                instant(row, "interval_start"), row.getInt("users"), row.getInt("max_users"),
                                endpoints(connection, uuid), errors(connection, uuid), sources(connection, uuid)));
                    }
                }
            }
        }
        return runs;
    }

    private static Map<EndpointKey, Accumulator> endpoints(Connection connection, String uuid) throws SQLException {
        Map<EndpointKey, Accumulator> totals = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT method, name, requests, failures, histogram FROM run_endpoints WHERE run_uuid = ?")) {
            statement.setString(1, uuid);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    totals.put(new EndpointKey(row.getString(1), row.getString(2)),
                            new Accumulator(row.getLong(3), row.getLong(4), HistogramCodec.decode(row.getBytes(5))));
                }
            }
        }
        return totals;
    }

    private static Map<LiveRun.ErrorKey, Long> errors(Connection connection, String uuid) throws SQLException {
        Map<LiveRun.ErrorKey, Long> errors = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT method, name, message, occurrences FROM run_errors WHERE run_uuid = ?")) {
            statement.setString(1, uuid);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    errors.put(new LiveRun.ErrorKey(row.getString(1), row.getString(2), row.getString(3)), row.getLong(4));
                }
            }
        }
        return errors;
    }

    private static Map<String, SeqWindow> sources(Connection connection, String uuid) throws SQLException {
        Map<String, SeqWindow> sources = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT source, max_seq, seen FROM run_sources WHERE run_uuid = ?")) {
            statement.setString(1, uuid);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    sources.put(row.getString(1), SeqWindow.restore(row.getLong(2), row.getBytes(3)));
                }
            }
        }
        return sources;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Map<String, String> tags(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> thresholds(String text) {
        try {
            return text == null ? null : json.readValue(text, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
