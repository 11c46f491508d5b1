package io.loadstack.api.agents.tokens;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compose agents' token, given in LOADSTACK_AGENT_BOOTSTRAP_TOKEN, exists once every replica has started. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentTokenBootstrapTest extends ApiServerTest {

    private static final String TOKEN = "lsa_bootstrap-token-for-tests-0123456789abcdefABCDEF";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("loadstack.agent-bootstrap.token", TOKEN);
        return properties;
    }

    @Test
    void bootstrapTokenIsAcceptedAfterStart() throws SQLException {
        HttpCall.Response beat = heartbeat(url("/api/agent/heartbeat?wait=0"), TOKEN, "compose-1");
        assertEquals(200, beat.status(), beat.toString());

        Map<String, Object> listed = HttpCall.get(url("/api/agent-tokens")).bearer(admin).send().jsonList().stream()
                .filter(t -> AgentTokenBootstrap.NAME.equals(t.get("name"))).findFirst().orElseThrow();
        assertEquals(false, listed.get("revoked"));
        assertTrue(TOKEN.startsWith((String) listed.get("prefix")));
        assertEquals(1, rowsWithHash(database, TOKEN), "stored as its hash");
    }

    @Test
    void aSecondReplicaDoesNotDuplicateIt() throws SQLException {
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, propertiesFor(database, TOKEN))) {
            assertEquals(200, heartbeat(second.getURL() + "/api/agent/heartbeat?wait=0", TOKEN, "compose-2").status());
        }
        assertEquals(1, rowsWithHash(database, TOKEN));
    }

    @Test
    void twoReplicasStartingTogetherMakeOneToken() throws Exception {
        String token = "lsa_racing-replicas-token-0123456789abcdefghijklmnop";
        try (TestDatabase fresh = TestDatabase.fresh("AgentTokenBootstrapRace")) {
            ExecutorService starters = Executors.newFixedThreadPool(2);
            List<CompletableFuture<EmbeddedServer>> started = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    started.add(CompletableFuture.supplyAsync(
                            () -> ApplicationContext.run(EmbeddedServer.class, propertiesFor(fresh, token)), starters));
                }
                for (CompletableFuture<EmbeddedServer> replica : started) {
                    EmbeddedServer server = replica.get(180, TimeUnit.SECONDS);
                    assertEquals(200, heartbeat(server.getURL() + "/api/agent/heartbeat?wait=0", token,
                            "racer-" + server.getPort()).status());
                }
            } finally {
                for (CompletableFuture<EmbeddedServer> replica : started) {
                    if (replica.isDone() && !replica.isCompletedExceptionally()) {
                        replica.join().close();
                    }
                }
                starters.shutdownNow();
            }
            assertEquals(1, rowsWithHash(fresh, token));
        }
    }

    @Test
    void revokedBootstrapTokenStaysRevoked() throws SQLException {
        String token = "lsa_revoked-bootstrap-token-0123456789abcdefghijklmn";
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, propertiesFor(database, token))) {
            long id = rowIdWithHash(token);
            assertEquals(204, HttpCall.delete(first.getURL() + "/api/agent-tokens/" + id).bearer(admin).send().status());
        }
        try (EmbeddedServer restarted = ApplicationContext.run(EmbeddedServer.class, propertiesFor(database, token))) {
            assertEquals(401, heartbeat(restarted.getURL() + "/api/agent/heartbeat?wait=0", token, "revoked-1").status());
        }
        assertEquals(1, rowsWithHash(database, token), "revoked and not made again");
    }

    @Test
    void aMalformedBootstrapTokenRefusesToStartAndSaysWhy() {
        Throwable refused = ApiTestServer.refusedStart(propertiesFor(database, "lsa_short"));
        StringBuilder reasons = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            reasons.append(t.getMessage()).append('\n');
        }
        assertTrue(reasons.toString().contains("LOADSTACK_AGENT_BOOTSTRAP_TOKEN"), reasons.toString());
    }

    private static Map<String, Object> propertiesFor(TestDatabase database, String token) {
        Map<String, Object> properties = new HashMap<>(ApiTestServer.properties(database));
        properties.put("loadstack.agent-bootstrap.token", token);
        return properties;
    }

    private static HttpCall.Response heartbeat(String url, String token, String name) {
        return HttpCall.post(url, HttpCall.json(Map.of("name", name, "region", "local", "version", "1.0.0-test",
                "instanceId", "instance-" + name))).bearer(token).send();
    }

    private long rowIdWithHash(String token) {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT id FROM agent_tokens WHERE token_hash = ?")) {
            query.setString(1, IngestTokenHash.hash(token));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static int rowsWithHash(TestDatabase database, String token) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM agent_tokens WHERE token_hash = ?")) {
            query.setString(1, IngestTokenHash.hash(token));
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }
}
