package io.loadstack.api.runs.retention;

import io.loadstack.api.runs.RunQueries;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which runs retention deletes: finished (not RUNNING), ended (or, without an end, last heard from) before the
 * cut-off, not pinned, and no test's baseline. The deletion is the admins' one ({@link RunQueries#deleteIf}),
 * which checks all of that again under the run's lock.
 */
@Singleton
class ExpiredRuns {

    /** Over the run {@code r}; the started_at bound lets the query use its index (a run ends after it starts). */
    private static final String EXPIRED = """
            r.status <> 'RUNNING' AND r.started_at < ? AND COALESCE(r.ended_at, r.last_activity_at) < ?""";
    private static final String PINNED = "EXISTS (SELECT 1 FROM run_pins p WHERE p.run_uuid = r.uuid)";
    private static final String BASELINE = "EXISTS (SELECT 1 FROM tests t WHERE t.baseline_run_uuid = r.uuid)";

    private final DataSource pool;
    private final RunQueries runs;

    ExpiredRuns(DataSource dataSource, DataSourceResolver resolver, RunQueries runs) {
        this.pool = resolver.resolve(dataSource);
        this.runs = runs;
    }

    /**
     * Where the runs stand in this schema: the consumer-service makes the run tables at its first start, and
     * tests (with their baselines) come with verdicts; retention must work before either.
     */
    record Tables(boolean runs, boolean tests) {
    }

    Tables tables() {
        Set<String> found = new HashSet<>();
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT LOWER(table_name) FROM information_schema.tables
                     WHERE table_schema = DATABASE() AND table_name IN ('runs', 'tests')""");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking for the run tables failed", e);
        }
        return new Tables(found.contains("runs"), found.contains("tests"));
    }

    /** Up to {@code size} runs to delete, by uuid after {@code after} (so that each batch moves on). */
    List<String> batch(Tables tables, Instant cutoff, String after, int size) {
        List<Object> parameters = new ArrayList<>(cutoff(cutoff));
        parameters.add(after);
        parameters.add(size);
        List<String> uuids = new ArrayList<>();
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, "SELECT r.uuid FROM runs r WHERE " + deletable(tables)
                     + " AND r.uuid > ? ORDER BY r.uuid LIMIT ?", parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                uuids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("finding runs older than " + cutoff + " failed", e);
        }
        return uuids;
    }

    /** @return whether this call deleted the run: false when it was pinned, made a baseline or deleted meanwhile */
    boolean delete(Tables tables, String uuid, Instant cutoff) {
        return runs.deleteIf(uuid, deletable(tables), cutoff(cutoff));
    }

    /** Runs as old as the deleted ones that stay: pinned ones, and baselines not also pinned. */
    Kept kept(Tables tables, Instant cutoff) {
        long pinned = count(EXPIRED + " AND " + PINNED, cutoff);
        long baselines = tables.tests() ? count(EXPIRED + " AND " + BASELINE + " AND NOT " + PINNED, cutoff) : 0;
        return new Kept(pinned, baselines);
    }

    record Kept(long pinned, long baselines) {
    }

    private static String deletable(Tables tables) {
        return EXPIRED + " AND NOT " + PINNED + (tables.tests() ? " AND NOT " + BASELINE : "");
    }

    private static List<Object> cutoff(Instant cutoff) {
        Timestamp t = Timestamp.from(cutoff);
        return List.of(t, t);
    }

    private long count(String where, Instant cutoff) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, "SELECT COUNT(*) FROM runs r WHERE " + where, cutoff(cutoff));
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting the runs retention keeps failed", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
