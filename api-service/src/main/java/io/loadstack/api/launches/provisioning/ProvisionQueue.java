package io.loadstack.api.launches.provisioning;

import io.loadstack.api.storage.SqlTime;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The api-service's side of the provisioners' queue (docs/provisioning.md): a provisioned launch queues its
 * request and its agents' rows in its own transaction; a provisioner claims the request and writes what Docker
 * says of each container; the launch reads those states and fails when no provisioner serves it. Every method
 * works on the caller's connection, inside the caller's transaction.
 */
@Singleton
public class ProvisionQueue {

    /** One agent to be started: its name is the one its launch planned for it. */
    public record Requested(String name, String region) {
    }

    /** A provisioned launch that cannot go on: its request FAILED, or no provisioner took it in time. */
    public record Unserved(long launchId, String reason) {
    }

    /** Queues the request of launch {@code launchId} for {@code engine} ({@code docker}, {@code swarm}). */
    public void queue(Connection connection, long launchId, String engine, List<Requested> agents, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO provision_requests"
                + " (launch_id, engine, status, created_at, updated_at) VALUES (?, ?, 'QUEUED', ?, ?)")) {
            insert.setLong(1, launchId);
            insert.setString(2, engine);
            SqlTime.set(insert, 3, now);
            SqlTime.set(insert, 4, now);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO provision_agents"
                + " (launch_id, agent_name, region, state, updated_at) VALUES (?, ?, ?, 'REQUESTED', ?)")) {
            for (Requested agent : agents) {
                insert.setLong(1, launchId);
                insert.setString(2, agent.name());
                insert.setString(3, agent.region());
                SqlTime.set(insert, 4, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The containers of a launch as its provisioner last saw them, by agent name; empty when not provisioned. */
    public List<ProvisionedContainer> containers(Connection connection, long launchId) throws SQLException {
        List<ProvisionedContainer> containers = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT agent_name, region, state, detail, container_id,"
                + " updated_at FROM provision_agents WHERE launch_id = ? ORDER BY region, LENGTH(agent_name), agent_name")) {
            query.setLong(1, launchId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    containers.add(new ProvisionedContainer(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), SqlTime.get(rows, 6)));
                }
            }
        }
        return containers;
    }

    /**
     * The launches still before their start whose request FAILED, or is still QUEUED though it was queued before
     * {@code queuedBefore} (no provisioner runs, or none can reach MySQL).
     */
    public List<Unserved> unserved(Connection connection, Instant queuedBefore) throws SQLException {
        List<Unserved> unserved = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT r.launch_id, r.status, r.reason, r.engine"
                + " FROM provision_requests r JOIN launches l ON l.id = r.launch_id"
                + " WHERE l.status IN ('PENDING', 'PREPARING')"
                + " AND (r.status = 'FAILED' OR (r.status = 'QUEUED' AND r.created_at <= ?))")) {
            SqlTime.set(query, 1, queuedBefore);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String reason = "FAILED".equals(rows.getString(2))
                            ? "provisioning failed: " + rows.getString(3)
                            : "no provisioner took the request to start its agents on " + rows.getString(4)
                            + ": is the provisioner running? (docker compose --profile provisioner up -d)";
                    unserved.add(new Unserved(rows.getLong(1), reason));
                }
            }
        }
        return unserved;
    }

    /** Which of {@code names} belong to agents started for a launch: no other launch may take them. */
    public Set<String> provisionedAmong(Connection connection, Collection<String> names) throws SQLException {
        Set<String> provisioned = new HashSet<>();
        if (names.isEmpty()) {
            return provisioned;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT agent_name FROM provision_agents"
                + " WHERE agent_name IN (" + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")")) {
            int i = 1;
            for (String name : names) {
                query.setString(i++, name);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    provisioned.add(rows.getString(1));
                }
            }
        }
        return provisioned;
    }
}
