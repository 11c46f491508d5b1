package io.loadstack.api.storage;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain-JDBC transactions for the stores that stream or lock rows themselves (plans' chunks, launches'
 * row locks): one connection per unit of work, committed when it returns, rolled back when it throws, and
 * run again when InnoDB picks it as a deadlock victim (it is all in the transaction, so nothing was half done).
 * A unit never opens another inside itself: see "Transactions" in docs/architecture.md.
 */
@Singleton
public class JdbcTransactions {

    private static final String DEADLOCK = "40001";
    private static final int ATTEMPTS = 3;

    private final DataSource pool;
    /** The unit of work open on this thread, if any. */
    private final ThreadLocal<String> open = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource, DataSourceResolver resolver) {
        // Straight to the pool: these units manage their own transactions.
        this.pool = resolver.resolve(dataSource);
    }

    /** One unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** @param what names the work in the exception when it fails for good */
    public <T> T inTransaction(String what, Work<T> work) {
        String outer = open.get();
        if (outer != null) {
            throw new IllegalStateException(what + " was opened inside " + outer
                    + ": a second connection while the first holds its locks can wait on the first for ever");
        }
        open.set(what);
        try {
            return attempts(what, work);
        } finally {
            open.remove();
        }
    }

    private <T> T attempts(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (DEADLOCK.equals(e.getSQLState()) && attempt < ATTEMPTS) {
                    continue;
                }
                throw new IllegalStateException(what + " failed", e);
            }
        }
    }
}
