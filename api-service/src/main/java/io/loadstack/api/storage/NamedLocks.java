package io.loadstack.api.storage;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Server-wide named locks ({@code GET_LOCK}, in MariaDB and MySQL alike) for work that one replica at a time
 * does. A lock belongs to the session that took it, so a {@link Held} lock keeps its pooled connection until it
 * is closed; a replica that dies loses its session and with it the lock. The name is scoped to the schema, so
 * that two installations sharing one server do not wait for each other.
 */
@Singleton
public class NamedLocks {

    private static final Logger LOG = LoggerFactory.getLogger(NamedLocks.class);
    // MySQL refuses lock names longer than 64 characters.
    private static final String NAME = "LEFT(CONCAT(?, '@', DATABASE()), 64)";

    private final DataSource pool;

    public NamedLocks(DataSource dataSource, DataSourceResolver resolver) {
        this.pool = resolver.resolve(dataSource);
    }

    /** @return the lock, held until closed; empty when another session holds it (this call does not wait) */
    public Optional<Held> tryAcquire(String name) {
        Connection connection = null;
        try {
            connection = pool.getConnection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(" + NAME + ", 0)")) {
                statement.setString(1, name);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    if (row.getInt(1) == 1) {
                        Held held = new Held(connection, name);
                        connection = null;
                        return Optional.of(held);
                    }
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("taking the lock " + name + " failed", e);
        } finally {
            close(connection);
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("closing a connection failed", e);
            }
        }
    }

    /** A lock this replica holds, with the session that holds it. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final String name;

        private Held(Connection connection, String name) {
            this.connection = connection;
            this.name = name;
        }

        /** Releases the lock before the connection goes back to the pool, which would keep the session and the lock. */
        @Override
        public void close() {
            try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(" + NAME + ")")) {
                statement.setString(1, name);
                statement.executeQuery().close();
            } catch (SQLException e) {
                // The pool may hand the session out again still holding the lock; evict it instead.
                LOG.warn("releasing the lock {} failed; dropping its connection", name, e);
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    // Closing below still returns or discards it.
                }
            } finally {
                NamedLocks.close(connection);
            }
        }
    }
}
