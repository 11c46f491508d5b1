package io.loadstack.provisioner.queue;

import io.loadstack.provisioner.Database;
import io.loadstack.provisioner.DatabaseUnavailableException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The provisioners' queue in provision_requests (docs/provisioning.md, "The queue").
 *
 * <p>A claim takes one QUEUED request, or a CLAIMED one whose lease has passed (its provisioner died), with
 * {@code SELECT … FOR UPDATE SKIP LOCKED}: a row another provisioner is claiming at the same moment is skipped,
 * not waited for, so two provisioners never take the same request. Times are the database's (NOW(3)), so the
 * provisioners' clocks do not matter.
 */
@Singleton
public class RequestQueue {

    private static final String CLAIMABLE = "SELECT launch_id, engine FROM provision_requests"
            + " WHERE status = 'QUEUED' OR (status = 'CLAIMED' AND (lease_until IS NULL OR lease_until < NOW(3)))"
            + " ORDER BY created_at, launch_id LIMIT 1 FOR UPDATE SKIP LOCKED";

    private final Database database;

    public RequestQueue(Database database) {
        this.database = database;
    }

    /** Claims the oldest claimable request for {@code owner}, with a lease of {@code lease}. */
    public Optional<ProvisionRequest> claimNext(String owner, Duration lease) {
        try (Connection connection = database.connection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(false);
            try {
                Optional<ProvisionRequest> claimed = claimIn(connection, owner, lease);
                connection.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("claiming a provision request", e);
        }
    }

    private Optional<ProvisionRequest> claimIn(Connection connection, String owner, Duration lease)
            throws SQLException {
        long launchId;
        String engine;
        try (PreparedStatement select = connection.prepareStatement(CLAIMABLE)) {
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                launchId = row.getLong(1);
                engine = row.getString(2);
            }
        }
        Engine parsed;
        try {
            parsed = Engine.of(engine);
        } catch (IllegalArgumentException e) {
            // Not left in the queue for ever: failed with a reason, and the next one is claimed.
            try (PreparedStatement update = connection.prepareStatement("UPDATE provision_requests"
                    + " SET status = 'FAILED', claimed_by = ?, reason = ?, lease_until = NULL, updated_at = NOW(3)"
                    + " WHERE launch_id = ?")) {
                update.setString(1, owner);
                update.setString(2, "unknown engine '" + engine + "': this provisioner serves docker and swarm");
                update.setLong(3, launchId);
                update.executeUpdate();
            }
            return claimIn(connection, owner, lease);
        }
        claim(connection, launchId, owner, lease);
        return Optional.of(new ProvisionRequest(launchId, parsed, agentsOf(connection, launchId)));
    }

    /**
     * What a provisioner of this name still held when it died (kill -9, then a restart under the same name):
     * taken back at once rather than after the lease has passed.
     */
    public List<ProvisionRequest> reclaimOwn(String owner, Duration lease) {
        try (Connection connection = database.connection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(false);
            try {
                List<Long> launchIds = new ArrayList<>();
                List<String> engines = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT launch_id, engine FROM provision_requests"
                        + " WHERE status = 'CLAIMED' AND claimed_by = ? ORDER BY launch_id FOR UPDATE SKIP LOCKED")) {
                    select.setString(1, owner);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            launchIds.add(row.getLong(1));
                            engines.add(row.getString(2));
                        }
                    }
                }
                List<ProvisionRequest> requests = new ArrayList<>();
                for (int i = 0; i < launchIds.size(); i++) {
                    claim(connection, launchIds.get(i), owner, lease);
                    requests.add(new ProvisionRequest(launchIds.get(i), Engine.of(engines.get(i)),
                            agentsOf(connection, launchIds.get(i))));
                }
                connection.commit();
                return requests;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("taking back this provisioner's own claims", e);
        }
    }

    private static void claim(Connection connection, long launchId, String owner, Duration lease) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE provision_requests"
                + " SET status = 'CLAIMED', claimed_by = ?, lease_until = NOW(3) + INTERVAL ? MICROSECOND,"
                + " updated_at = NOW(3) WHERE launch_id = ?")) {
            update.setString(1, owner);
            update.setLong(2, lease.toMillis() * 1000);
            update.setLong(3, launchId);
            update.executeUpdate();
        }
    }

    private static List<PlannedAgent> agentsOf(Connection connection, long launchId) throws SQLException {
        List<PlannedAgent> agents = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT agent_name, region FROM provision_agents WHERE launch_id = ? ORDER BY region, agent_name")) {
            select.setLong(1, launchId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    agents.add(new PlannedAgent(row.getString(1), row.getString(2)));
                }
            }
        }
        return agents;
    }

    /** Extends the lease; false when the request is no longer this owner's (taken over, or ended). */
    public boolean renew(long launchId, String owner, Duration lease) {
        return database.update("renewing the lease of launch " + launchId, "UPDATE provision_requests"
                        + " SET lease_until = NOW(3) + INTERVAL ? MICROSECOND, updated_at = NOW(3)"
                        + " WHERE launch_id = ? AND claimed_by = ? AND status = 'CLAIMED'",
                lease.toMillis() * 1000, launchId, owner) == 1;
    }

    /** Its containers are gone: RELEASED. */
    public void release(long launchId, String owner) {
        database.update("releasing launch " + launchId, "UPDATE provision_requests"
                + " SET status = 'RELEASED', lease_until = NULL, updated_at = NOW(3)"
                + " WHERE launch_id = ? AND claimed_by = ? AND status = 'CLAIMED'", launchId, owner);
    }

    /** It cannot be served: FAILED with a reason a user can act on (the api-service fails the launch with it). */
    public void fail(long launchId, String owner, String reason) {
        database.update("failing launch " + launchId, "UPDATE provision_requests"
                + " SET status = 'FAILED', reason = ?, lease_until = NULL, updated_at = NOW(3)"
                + " WHERE launch_id = ? AND claimed_by = ? AND status = 'CLAIMED'", reason, launchId, owner);
    }
}
