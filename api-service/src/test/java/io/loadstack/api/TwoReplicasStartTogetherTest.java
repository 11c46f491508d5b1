package io.loadstack.api;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system this replaces lost one app server at every start: two replicas migrating one empty
 * database at once. Flyway's lock must serialise them and the first-admin bootstrap must not collide.
 */
class TwoReplicasStartTogetherTest {

    @Test
    void twoReplicasOnOneEmptyDatabaseBothComeUp() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("TwoReplicas")) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<EmbeddedServer>> starting = new ArrayList<>();
            for (int replica = 1; replica <= 2; replica++) {
                var properties = new java.util.HashMap<String, Object>(ApiTestServer.properties(database));
                properties.put("loadstack.instance", "appserver" + replica);
                // No admin password: each replica would generate its own; exactly one may win.
                properties.remove("loadstack.admin.password");
                // Each its own seed of the allowed targets: exactly one may be written, whole.
                properties.put("loadstack.allowed-targets", "replica" + replica + ".internal,10.0." + replica + ".0/24");
                starting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return ApplicationContext.run(EmbeddedServer.class, properties);
                }));
            }
            go.countDown();
            List<EmbeddedServer> servers = new ArrayList<>();
            try {
                for (CompletableFuture<EmbeddedServer> future : starting) {
                    servers.add(future.get(120, TimeUnit.SECONDS));
                }
                for (EmbeddedServer server : servers) {
                    HttpCall.Response health = HttpCall.get(server.getURL() + "/api/healthcheck").send();
                    assertEquals(200, health.status(), health.toString());
                }
                try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                    try (ResultSet admins = statement.executeQuery("SELECT COUNT(*) FROM users WHERE role = 'ADMIN'")) {
                        admins.next();
                        assertEquals(1, admins.getInt(1), "exactly one first admin");
                    }
                    try (ResultSet migrations = statement.executeQuery(
                            "SELECT COUNT(*) FROM flyway_history_api WHERE success = 1 AND version = '1'")) {
                        migrations.next();
                        assertEquals(1, migrations.getInt(1), "V1 applied once");
                    }
                    try (ResultSet targets = statement.executeQuery("SELECT entries FROM allowed_targets")) {
                        assertTrue(targets.next(), "the allowed targets seeded");
                        String seeded = targets.getString(1);
                        assertTrue(List.of("replica1.internal\n10.0.1.0/24", "replica2.internal\n10.0.2.0/24").contains(seeded), seeded);
                        assertFalse(targets.next(), "seeded once");
                    }
                }
            } finally {
                servers.forEach(EmbeddedServer::close);
            }
        }
    }
}
