package io.loadstack.support.health;

import io.micronaut.context.BeanProvider;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Asks the pool for a connection and checks it with a short timeout, so a dead database answers fast. */
@Singleton
public class DatabaseProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final BeanProvider<DataSource> dataSource;
    private final BeanProvider<DataSourceResolver> resolver;

    public DatabaseProbe(BeanProvider<DataSource> dataSource, BeanProvider<DataSourceResolver> resolver) {
        this.dataSource = dataSource;
        this.resolver = resolver;
    }

    /**
     * Two tries: after the database restarted, the pool may still hold a dead connection; the first
     * failure evicts it and a second, fresh connection tells the truth. One stale connection must not
     * mark the service DOWN (Monit would restart it for nothing).
     */
    public boolean isReachable() {
        if (!dataSource.isPresent()) {
            return true;
        }
        return tryOnce() || tryOnce();
    }

    private boolean tryOnce() {
        // The injected DataSource is transaction-aware and wants a surrounding transaction; the probe
        // asks the pool underneath directly.
        DataSource pool = resolver.isPresent() ? resolver.get().resolve(dataSource.get()) : dataSource.get();
        // A real statement rather than isValid(): when it fails on a dead connection the pool sees the
        // connection error and evicts it, so the next probe after the database is back gets a fresh one.
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(VALIDATION_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("database probe failed: {}", e.toString());
            return false;
        }
    }
}
