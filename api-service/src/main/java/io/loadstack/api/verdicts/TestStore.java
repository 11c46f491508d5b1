package io.loadstack.api.verdicts;

import io.loadstack.api.runs.RunComparison;
import io.loadstack.api.runs.RunTablesMissingException;
import io.micronaut.core.type.Argument;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tests table, and what the verdicts read of the run tables beyond the runs API: a run's own thresholds,
 * its status, the runs of a name. Plain JDBC, one short statement each, straight to the pool.
 */
@Singleton
class TestStore {

    private static final Logger LOG = LoggerFactory.getLogger(TestStore.class);
    private static final int ER_NO_SUCH_TABLE = 1146;

    private final DataSource pool;
    private final JsonMapper json;

    TestStore(DataSource dataSource, DataSourceResolver resolver, JsonMapper json) {
        this.pool = resolver.resolve(dataSource);
        this.json = json;
    }

    Optional<TestSettings> find(String name) {
        List<TestSettings> found = new ArrayList<>();
        query("SELECT name, thresholds, tolerances, baseline_run_uuid FROM tests WHERE name = ?", List.of(name),
                rows -> found.add(new TestSettings(rows.getString(1), strings(rows.getString(2)),
                        tolerances(rows.getString(3)), rows.getString(4))));
        return found.stream().findFirst();
    }

    /** Every test that has settings, by name. */
    Map<String, TestSettings> all() {
        Map<String, TestSettings> tests = new LinkedHashMap<>();
        query("SELECT name, thresholds, tolerances, baseline_run_uuid FROM tests ORDER BY name", List.of(),
                rows -> tests.put(rows.getString(1), new TestSettings(rows.getString(1), strings(rows.getString(2)),
                        tolerances(rows.getString(3)), rows.getString(4))));
        return tests;
    }

    void save(TestSettings settings, String by, Instant now) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO tests (name, thresholds, tolerances, baseline_run_uuid, updated_at, updated_by)
                     VALUES (?, ?, ?, ?, ?, ?)
                     ON DUPLICATE KEY UPDATE thresholds = VALUES(thresholds), tolerances = VALUES(tolerances),
                         baseline_run_uuid = VALUES(baseline_run_uuid), updated_at = VALUES(updated_at),
                         updated_by = VALUES(updated_by)""")) {
            statement.setString(1, settings.name());
            statement.setString(2, write(settings.thresholds()));
            statement.setString(3, settings.tolerances().equals(RunComparison.Tolerances.DEFAULTS) ? null : write(settings.tolerances()));
            statement.setString(4, settings.baselineRunUuid());
            statement.setTimestamp(5, Timestamp.from(now));
            statement.setString(6, by);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("saving test " + settings.name(), e);
        }
    }

    /** A test's name with how many runs it has and when the latest started. */
    record NamedRuns(String name, long runs, Instant lastStartedAt) {
    }

    /** The names runs have, the most recently run first. */
    List<NamedRuns> runNames(int limit) {
        List<NamedRuns> names = new ArrayList<>();
        query("SELECT name, COUNT(*), MAX(started_at) AS latest FROM runs GROUP BY name ORDER BY latest DESC, name LIMIT ?",
                List.of(limit), rows -> names.add(new NamedRuns(rows.getString(1), rows.getLong(2), instant(rows, 3))));
        return names;
    }

    long runCount(String name) {
        long[] count = {0};
        query("SELECT COUNT(*) FROM runs WHERE name = ?", List.of(name), rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    /** The uuids of a test's latest runs, oldest first (as a trend chart draws them). */
    List<String> latestRuns(String name, int limit) {
        List<String> uuids = new ArrayList<>();
        query("SELECT uuid FROM runs WHERE name = ? ORDER BY started_at DESC, uuid LIMIT ?", List.of(name, limit),
                rows -> uuids.add(rows.getString(1)));
        Collections.reverse(uuids);
        return uuids;
    }

    /** A run's name and status, or empty when there is no such run. */
    record RunState(String name, String status) {
        boolean isRunning() {
            return "RUNNING".equals(status);
        }
    }

    Optional<RunState> runState(String uuid) {
        List<RunState> found = new ArrayList<>();
        query("SELECT name, status FROM runs WHERE uuid = ?", List.of(uuid),
                rows -> found.add(new RunState(rows.getString(1), rows.getString(2))));
        return found.stream().findFirst();
    }

    /** The status of the run, if it is a run of the test {@code name} (names compare as MySQL compares them). */
    Optional<String> statusOfRunOf(String name, String uuid) {
        List<String> found = new ArrayList<>();
        query("SELECT status FROM runs WHERE uuid = ? AND name = ?", List.of(uuid, name), rows -> found.add(rows.getString(1)));
        return found.stream().findFirst();
    }

    /** The thresholds the run's register sent. */
    List<String> runThresholds(String uuid) {
        List<String> found = new ArrayList<>();
        query("SELECT thresholds FROM runs WHERE uuid = ?", List.of(uuid), rows -> found.addAll(strings(rows.getString(1))));
        return found;
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rows) throws SQLException;
    }

    private void query(String sql, List<Object> parameters, RowHandler handler) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.row(rows);
                }
            }
        } catch (SQLException e) {
            throw failure("a tests query", e);
        }
    }

    private List<String> strings(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException("thresholds that are not a JSON list of strings: " + text, e);
        }
    }

    private RunComparison.Tolerances tolerances(String text) {
        if (text == null || text.isBlank()) {
            return RunComparison.Tolerances.DEFAULTS;
        }
        try {
            return json.readValue(text, RunComparison.Tolerances.class);
        } catch (IOException e) {
            throw new UncheckedIOException("tolerances that cannot be read: " + text, e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** As the runs API: before the consumer-service first started there are no run tables, a 503 that says so. */
    private static RuntimeException failure(String what, SQLException e) {
        if (e.getErrorCode() == ER_NO_SUCH_TABLE && e.getMessage() != null && e.getMessage().contains("runs")) {
            LOG.warn("{}: {} (is the consumer-service running against this database?)", what, e.getMessage());
            return new RunTablesMissingException();
        }
        return new IllegalStateException(what + " failed", e);
    }
}
