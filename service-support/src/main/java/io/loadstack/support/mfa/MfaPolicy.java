package io.loadstack.support.mfa;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Who must have a second factor, in the one row of {@code mfa_policy}: read at every password step, on every
 * replica of both services, so a change applies at once everywhere.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class MfaPolicy {

    private final DataSource pool;
    private final AuditTrail audit;

    public MfaPolicy(DataSource dataSource, DataSourceResolver resolver, AuditTrail audit) {
        this.pool = resolver.resolve(dataSource);
        this.audit = audit;
    }

    public MfaRequirement requirement() {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT requirement FROM mfa_policy WHERE id = 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? MfaRequirement.valueOf(row.getString(1)) : MfaRequirement.NONE;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the second-factor policy failed", e);
        }
    }

    public void change(MfaRequirement requirement, String admin) {
        MfaRequirement before = requirement();
        try (Connection connection = pool.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE mfa_policy SET requirement = ?, changed_at = ?, changed_by = ? WHERE id = 1")) {
            update.setString(1, requirement.name());
            update.setTimestamp(2, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            update.setString(3, admin);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("changing the second-factor policy failed", e);
        }
        audit.record(admin, AuditAction.MFA_POLICY_CHANGED, Map.of("from", before.name(), "to", requirement.name()));
    }
}
