package io.loadstack.support.schema;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Micronaut's Flyway migration, but one service instance at a time across the whole installation.
 *
 * <p>Flyway's own lock covers applying migrations, not the first creation and baseline of a history
 * table: two replicas starting on a new database race there and one dies with "Unable to baseline
 * schema history table ... as it already exists, and is empty" — the crash the old system had at every
 * start. Holding a MySQL named lock around the whole migration closes that window for every service.
 */
@Singleton
@Replaces(DataSourceMigrationRunner.class)
public class SerializedMigrationRunner extends DataSourceMigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SerializedMigrationRunner.class);
    private static final String LOCK = "loadstack_schema_migration";
    private static final int LOCK_TIMEOUT_SECONDS = 300;

    private final DataSourceResolver resolver;

    public SerializedMigrationRunner(ApplicationContext applicationContext, ApplicationEventPublisher eventPublisher,
                                     DataSourceResolver resolver) {
        super(applicationContext, eventPublisher, resolver);
        this.resolver = resolver;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource pool = resolver.resolve(event.getBean());
        try (Connection lockHolder = pool.getConnection()) {
            acquire(lockHolder);
            try {
                return super.onCreated(event);
            } finally {
                release(lockHolder);
            }
        } catch (SQLException e) {
            throw new ConfigurationException("cannot take the schema migration lock: " + e.getMessage(), e);
        }
    }

    private static void acquire(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            statement.setString(1, LOCK);
            statement.setInt(2, LOCK_TIMEOUT_SECONDS);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next() || result.getInt(1) != 1) {
                    throw new SQLException("another instance held the migration lock for " + LOCK_TIMEOUT_SECONDS + " s");
                }
            }
        }
        LOG.debug("holding the schema migration lock");
    }

    private static void release(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, LOCK);
            statement.executeQuery().close();
        } catch (SQLException e) {
            // The lock goes with the connection, which is closed next.
            LOG.debug("releasing the migration lock: {}", e.getMessage());
        }
    }
}
