package io.loadstack.support.mfa;

import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The users' TOTP secrets and recovery codes in the api-service's tables ({@code user_second_factors},
 * {@code mfa_recovery_codes}). Every change that must happen once (a code's step used, a recovery code spent, an
 * enrollment confirmed) is a single conditional UPDATE, so two replicas checking the same code cannot both win.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class SecondFactors {

    /** A user's factor: the sealed secret, whether it is confirmed, the step of the last code taken. */
    public record Factor(long userId, byte[] sealedSecret, boolean confirmed, long lastUsedStep) {
    }

    private final DataSource pool;

    public SecondFactors(DataSource dataSource, DataSourceResolver resolver) {
        this.pool = resolver.resolve(dataSource);
    }

    public Optional<Factor> find(long userId) {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT secret, confirmed_at, last_used_step FROM user_second_factors WHERE user_id = ?")) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Factor(userId, row.getBytes("secret"), row.getTimestamp("confirmed_at") != null,
                        row.getLong("last_used_step")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the second factor of user " + userId + " failed", e);
        }
    }

    public boolean hasConfirmed(long userId) {
        return find(userId).map(Factor::confirmed).orElse(false);
    }

    /** The ids of the users with a confirmed factor (for the admins' list of users). */
    public Set<Long> confirmedUserIds() {
        Set<Long> ids = new HashSet<>();
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT user_id FROM user_second_factors WHERE confirmed_at IS NOT NULL");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("listing the users with a second factor failed", e);
        }
    }

    /**
     * Stores a new, unconfirmed secret, replacing an earlier unconfirmed one.
     *
     * @throws AlreadyEnrolledException when the user has a confirmed factor
     */
    public void beginEnrollment(long userId, byte[] sealedSecret) {
        try (Connection connection = pool.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM user_second_factors WHERE user_id = ? AND confirmed_at IS NULL")) {
                delete.setLong(1, userId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO user_second_factors (user_id, secret, created_at) VALUES (?, ?, ?)")) {
                insert.setLong(1, userId);
                insert.setBytes(2, sealedSecret);
                insert.setTimestamp(3, now());
                insert.executeUpdate();
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new AlreadyEnrolledException();
        } catch (SQLException e) {
            throw new IllegalStateException("storing the new second factor of user " + userId + " failed", e);
        }
    }

    /**
     * Confirms the pending factor with the step of its first code and stores its recovery codes, in one
     * transaction.
     *
     * @return false when there was no pending factor to confirm (confirmed meanwhile, or never begun)
     */
    public boolean confirm(long userId, long step, List<String> recoveryCodeHashes) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Timestamp now = now();
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE user_second_factors SET confirmed_at = ?, last_used_step = ?"
                                + " WHERE user_id = ? AND confirmed_at IS NULL AND last_used_step < ?")) {
                    update.setTimestamp(1, now);
                    update.setLong(2, step);
                    update.setLong(3, userId);
                    update.setLong(4, step);
                    if (update.executeUpdate() != 1) {
                        connection.rollback();
                        return false;
                    }
                }
                replaceRecoveryCodes(connection, userId, recoveryCodeHashes, now);
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("confirming the second factor of user " + userId + " failed", e);
        }
    }

    /**
     * Takes a code's time step for the user's confirmed factor: only a step later than the last one taken.
     *
     * @return false for a replay (this step or a later one was already used) or when there is no confirmed factor
     */
    public boolean useStep(long userId, long step) {
        try (Connection connection = pool.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE user_second_factors SET last_used_step = ?"
                             + " WHERE user_id = ? AND confirmed_at IS NOT NULL AND last_used_step < ?")) {
            update.setLong(1, step);
            update.setLong(2, userId);
            update.setLong(3, step);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording the second-factor code of user " + userId + " failed", e);
        }
    }

    /** @return false when no unused recovery code of the user has this hash */
    public boolean useRecoveryCode(long userId, String codeHash) {
        try (Connection connection = pool.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE mfa_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")) {
            update.setTimestamp(1, now());
            update.setLong(2, userId);
            update.setString(3, codeHash);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("using a recovery code of user " + userId + " failed", e);
        }
    }

    public int unusedRecoveryCodes(long userId) {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL")) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the recovery codes of user " + userId + " failed", e);
        }
    }

    /** @return false when the user had no factor, confirmed or pending */
    public boolean remove(long userId) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement codes = connection.prepareStatement("DELETE FROM mfa_recovery_codes WHERE user_id = ?");
                 PreparedStatement factor = connection.prepareStatement("DELETE FROM user_second_factors WHERE user_id = ?")) {
                codes.setLong(1, userId);
                codes.executeUpdate();
                factor.setLong(1, userId);
                boolean removed = factor.executeUpdate() == 1;
                connection.commit();
                return removed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("removing the second factor of user " + userId + " failed", e);
        }
    }

    private static void replaceRecoveryCodes(Connection connection, long userId, List<String> hashes, Timestamp now)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM mfa_recovery_codes WHERE user_id = ?")) {
            delete.setLong(1, userId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mfa_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)")) {
            for (String hash : hashes) {
                insert.setLong(1, userId);
                insert.setString(2, hash);
                insert.setTimestamp(3, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
