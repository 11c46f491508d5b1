package io.loadstack.provisioner;

import io.loadstack.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The api-service's schema (its own migrations, applied to a fresh schema) and the rows it writes for a
 * provisioned launch: the launch, its provision_requests row (QUEUED) and one provision_agents row per agent
 * (REQUESTED), named l&lt;launch&gt;-&lt;region&gt;-&lt;n&gt;.
 */
public final class LaunchRows {

    private LaunchRows() {
    }

    public static TestDatabase schema(String testName) {
        TestDatabase database = TestDatabase.fresh(testName);
        database.migrate("filesystem:../api-service/src/main/resources/db/api", "flyway_history_api");
        return database;
    }

    /**
     * A launch with a random id, so that agent names (and so container names) never meet those of another
     * test or installation on the same Docker engine.
     */
    public static long provisioned(TestDatabase database, String engine, Map<String, Integer> agentsPerRegion) {
        long launchId = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        execute(database, "INSERT INTO launches (id, run_uuid, created_by_name, plan_id, plan_version, plan_name,"
                        + " generator, files, request, policy, shortfalls, status, created_at, readiness_deadline,"
                        + " version, token_salt) VALUES (?, ?, 'admin', 1, 1, 'plan', 'jmeter', '[]', '{}', '{}', '[]',"
                        + " 'PENDING', NOW(3), NOW(3) + INTERVAL 60 SECOND, 1, ?)",
                launchId, UUID.randomUUID().toString(), "0123456789abcdef0123456789abcdef");
        // The agents before the request, as the api-service's one transaction makes them visible at once: a
        // provisioner that claimed the request between two inserts would see only some of its agents.
        for (Map.Entry<String, Integer> region : agentsPerRegion.entrySet()) {
            for (int n = 1; n <= region.getValue(); n++) {
                execute(database, "INSERT INTO provision_agents (launch_id, agent_name, region, state, updated_at)"
                                + " VALUES (?, ?, ?, 'REQUESTED', NOW(3))",
                        launchId, agentName(launchId, region.getKey(), n), region.getKey());
            }
        }
        execute(database, "INSERT INTO provision_requests (launch_id, engine, status, created_at, updated_at)"
                + " VALUES (?, ?, 'QUEUED', NOW(3), NOW(3))", launchId, engine);
        return launchId;
    }

    public static String agentName(long launchId, String region, int n) {
        return "l" + launchId + "-" + region + "-" + n;
    }

    public static void setLaunchStatus(TestDatabase database, long launchId, String status) {
        execute(database, "UPDATE launches SET status = ? WHERE id = ?", status, launchId);
    }

    public static Map<String, Object> request(TestDatabase database, long launchId) {
        return database.row("SELECT status, claimed_by, reason, lease_until FROM provision_requests WHERE launch_id = ?",
                launchId);
    }

    public static Map<String, Object> agent(TestDatabase database, long launchId, String agentName) {
        return database.row("SELECT state, detail, container_id FROM provision_agents WHERE launch_id = ? AND agent_name = ?",
                launchId, agentName);
    }

    public static void execute(TestDatabase database, String sql, Object... parameters) {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
