package io.loadstack.support.login;

import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where a login finds the account it names: the api-service's {@code users} table, read by every service
 * that signs people in (the api-service, which owns the table, and the health dashboard), so one account
 * works everywhere. A service signs people in when its configuration says {@code loadstack.login.enabled};
 * the consumer-service, which takes ingest tokens only, does not.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class LoginAccounts {

    /** An account as login needs it; the role becomes the JWT's one role. */
    public record LoginAccount(long id, String username, String passwordHash, String role) {
    }

    private final DataSource pool;

    public LoginAccounts(DataSource dataSource, DataSourceResolver resolver) {
        // One short read outside any transaction: straight to the pool under the transaction-aware wrapper.
        this.pool = resolver.resolve(dataSource);
    }

    public Optional<LoginAccount> find(String username) {
        return findWhere("username = ?", username);
    }

    public Optional<LoginAccount> findById(long id) {
        return findWhere("id = ?", id);
    }

    private Optional<LoginAccount> findWhere(String condition, Object value) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, username, password_hash, role FROM users WHERE " + condition)) {
            statement.setObject(1, value);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LoginAccount(row.getLong("id"), row.getString("username"),
                        row.getString("password_hash"), row.getString("role")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the account of a login failed", e);
        }
    }
}
