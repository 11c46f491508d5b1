package io.loadstack.provisioner;

import io.micronaut.context.BeanProvider;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The connection pool underneath Micronaut's data source. The provisioner's statements are plain JDBC with
 * transactions of their own (the claim needs {@code FOR UPDATE SKIP LOCKED} under READ COMMITTED), so they ask
 * the pool directly rather than a transaction-aware proxy.
 */
@Singleton
public class Database {

    private final DataSource pool;

    @Inject
    public Database(DataSource dataSource, BeanProvider<DataSourceResolver> resolver) {
        this.pool = resolver.isPresent() ? resolver.get().resolve(dataSource) : dataSource;
    }

    /** For tests and tools that have a pool of their own. */
    public Database(DataSource pool) {
        this.pool = pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * One statement in a transaction of its own; @return the rows it changed.
     *
     * @param what what it does, for the exception when MySQL cannot be reached
     * @throws DatabaseUnavailableException when the statement fails
     */
    public int update(String what, String sql, Object... parameters) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(what, e);
        }
    }
}
