package io.loadstack.api.runs;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Runs users pinned, which retention keeps (api-service/README.md, "Retention and pins"). A pin is one row in
 * {@code run_pins}; pinning twice keeps the first pin, unpinning an unpinned run changes nothing.
 */
@Singleton
public class RunPins {

    private final DataSource pool;

    public RunPins(DataSource dataSource, DataSourceResolver resolver) {
        this.pool = resolver.resolve(dataSource);
    }

    /**
     * Pins the run under a share lock on its row: retention locks that row before it checks for a pin
     * ({@link RunQueries#deleteIf}), so a run is either pinned or deleted, never deleted with a pin just made.
     *
     * @return whether the run exists (and is now pinned)
     */
    public boolean pin(String uuid, String username) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean exists;
                try (PreparedStatement statement = connection.prepareStatement("SELECT uuid FROM runs WHERE uuid = ? LOCK IN SHARE MODE")) {
                    statement.setString(1, uuid);
                    try (ResultSet row = statement.executeQuery()) {
                        exists = row.next();
                    }
                }
                if (exists) {
                    try (PreparedStatement statement = connection.prepareStatement("""
                            INSERT INTO run_pins (run_uuid, pinned_by, pinned_at) VALUES (?, ?, ?)
                            ON DUPLICATE KEY UPDATE run_uuid = run_uuid""")) {
                        statement.setString(1, uuid);
                        statement.setString(2, username);
                        statement.setTimestamp(3, Timestamp.from(Instant.now()));
                        statement.executeUpdate();
                    }
                }
                connection.commit();
                return exists;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw RunQueries.failure("pinning run " + uuid, e);
        }
    }

    /** @return whether the run exists (and is now not pinned) */
    public boolean unpin(String uuid) {
        try (Connection connection = pool.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM run_pins WHERE run_uuid = ?")) {
                statement.setString(1, uuid);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT uuid FROM runs WHERE uuid = ?")) {
                statement.setString(1, uuid);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next();
                }
            }
        } catch (SQLException e) {
            throw RunQueries.failure("unpinning run " + uuid, e);
        }
    }
}
