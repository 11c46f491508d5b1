package io.loadstack.api.audit;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.api.runs.RunFixtures;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.MultipartForm;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every audited action the api-service's own routes perform leaves its row, read back through GET /api/audit,
 * and no row anywhere in the table holds a password or a token's secret.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTest extends ApiServerTest {

    private static final String LOCUSTFILE = "from locust import HttpUser, task\n\n\nclass U(HttpUser):\n    @task\n"
            + "    def home(self):\n        self.client.get(\"/\")\n";
    private static final String USER_PASSWORD = "a-users-password-1234";
    private static final String NEW_PASSWORD = "a-users-new-password-5678";

    @Inject
    AuditRetention retention;

    private final List<String> secrets = new ArrayList<>(List.of(ApiTestServer.ADMIN_PASSWORD, USER_PASSWORD, NEW_PASSWORD));

    @BeforeAll
    void runTablesExist() {
        RunFixtures.createTables(database);
    }

    @Test
    void eachAuditedActionLeavesOneRowWithItsActorAddressAndNoSecret() throws SQLException {
        HttpCall.Response token = HttpCall.post(url("/api/tokens"), "{\"name\":\"ci\"}").bearer(admin).send();
        assertEquals(201, token.status(), token.toString());
        secrets.add((String) token.json().get("token"));
        long tokenId = id(token);
        assertEquals(204, HttpCall.delete(url("/api/tokens/" + tokenId)).bearer(admin).send().status());

        HttpCall.Response agentToken = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"eu agents\"}").bearer(admin).send();
        assertEquals(201, agentToken.status(), agentToken.toString());
        secrets.add((String) agentToken.json().get("token"));
        assertEquals(204, HttpCall.delete(url("/api/agent-tokens/" + id(agentToken))).bearer(admin).send().status());

        assertEquals(201, HttpCall.post(url("/api/users"), "{\"username\":\"dora\",\"password\":\"" + USER_PASSWORD
                + "\",\"role\":\"USER\"}").bearer(admin).send().status());
        assertEquals(204, HttpCall.put(url("/api/users/dora/password"), "{\"password\":\"" + NEW_PASSWORD + "\"}")
                .bearer(admin).send().status());

        HttpCall.Response plan = new MultipartForm().text("name", "shop").text("generator", "locust")
                .file("main", "locustfile.py", LOCUSTFILE.getBytes(StandardCharsets.UTF_8))
                .post(url("/api/plans")).bearer(admin).send();
        assertEquals(201, plan.status(), plan.toString());
        long planId = id(plan);

        // A provisioned launch needs no agent online: it is queued for a provisioner and stays PENDING.
        HttpCall.Response launch = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", planId,
                "regions", Map.of("eu", 2), "users", 4, "durationSeconds", 30, "targetHost", "http://127.0.0.1:9",
                "provision", "docker"))).bearer(admin).send();
        assertEquals(201, launch.status(), launch.toString());
        long launchId = id(launch);
        assertEquals(202, HttpCall.post(url("/api/launches/" + launchId + "/stop"), "").bearer(admin).send().status());

        String run = new RunFixtures(database).insert(new RunFixtures.Spec().name("old run"));
        assertEquals(204, HttpCall.delete(url("/api/runs/" + run)).bearer(admin).send().status());

        assertEquals(204, HttpCall.delete(url("/api/users/dora")).bearer(admin).send().status());
        assertEquals(204, HttpCall.delete(url("/api/plans/" + planId)).bearer(admin).send().status());

        Map<String, Map<String, Object>> rows = new java.util.HashMap<>();
        for (Map<String, Object> item : page("/api/audit?size=500")) {
            rows.putIfAbsent((String) item.get("action"), item);
        }
        for (String action : List.of("INGEST_TOKEN_CREATED", "INGEST_TOKEN_REVOKED", "AGENT_TOKEN_CREATED",
                "AGENT_TOKEN_REVOKED", "USER_CREATED", "PASSWORD_CHANGED", "USER_DELETED", "PLAN_UPLOADED",
                "PLAN_DELETED", "LAUNCH_STARTED", "LAUNCH_STOPPED", "RUN_DELETED")) {
            Map<String, Object> row = rows.get(action);
            assertTrue(row != null, action + " has no row; rows: " + rows.keySet());
            assertEquals(ApiTestServer.ADMIN, row.get("actor"), action);
            assertTrue(row.get("address") != null && !((String) row.get("address")).isBlank(), action + " has an address");
            assertTrue(row.get("at") != null, action);
        }
        Map<?, ?> started = (Map<?, ?>) rows.get("LAUNCH_STARTED").get("detail");
        assertEquals(launchId, ((Number) started.get("launch")).longValue());
        assertEquals(1, ((Number) started.get("version")).intValue());
        assertEquals("http://127.0.0.1:9", started.get("targetHost"));
        assertEquals(2, ((Number) started.get("agents")).intValue());
        assertEquals(Map.of("user", "dora", "role", "USER"), rows.get("USER_CREATED").get("detail"));
        assertEquals(run, ((Map<?, ?>) rows.get("RUN_DELETED").get("detail")).get("run"));

        try (Connection connection = database.connect();
             PreparedStatement all = connection.prepareStatement("SELECT actor, address, action, detail FROM audit_log");
             ResultSet row = all.executeQuery()) {
            int count = 0;
            while (row.next()) {
                count++;
                String text = row.getString(1) + "|" + row.getString(2) + "|" + row.getString(3) + "|" + row.getString(4);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "an audit row holds a secret: " + text);
                }
            }
            assertTrue(count >= 12, "rows: " + count);
        }
    }

    @Test
    void theLogFiltersByActorActionAndTimeAndPagesNewestFirst() {
        // A user of its own, so that what the other tests record cannot be counted here.
        assertEquals(201, HttpCall.post(url("/api/users"), "{\"username\":\"pager\",\"password\":\"" + USER_PASSWORD
                + "\",\"role\":\"USER\"}").bearer(admin).send().status());
        String pager = ApiTestServer.login(url(""), "pager", USER_PASSWORD);
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            assertEquals(201, HttpCall.post(url("/api/tokens"), "{\"name\":\"paging " + i + "\"}").bearer(pager).send().status());
        }
        List<Map<String, Object>> created = page("/api/audit?action=ingest_token_created&actor=pager&from=" + before + "&size=2");
        assertEquals(2, created.size(), created.toString());
        assertEquals("paging 2", ((Map<?, ?>) created.get(0).get("detail")).get("name"), "newest first");
        HttpCall.Response second = HttpCall.get(url("/api/audit?action=INGEST_TOKEN_CREATED&actor=pager&from=" + before
                + "&size=2&page=1")).bearer(admin).send();
        assertEquals(200, second.status());
        assertEquals(3L, ((Number) second.json().get("total")).longValue(), second.body());
        assertEquals("paging 0", ((Map<?, ?>) ((List<Map<String, Object>>) second.json().get("items")).get(0).get("detail")).get("name"));
        assertEquals(List.of(), page("/api/audit?actor=pager&from=" + Instant.now().plusSeconds(3600)));
        assertEquals(List.of(), page("/api/audit?actor=nobody-at-all"));
    }

    @Test
    void badFiltersAreRefusedWithWhatToSendInstead() {
        for (String query : List.of("action=SELF_DESTRUCT", "from=yesterday", "to=2026-13-45T00:00:00Z",
                "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "size=0", "size=100000", "page=-1",
                "actor=" + "x".repeat(200))) {
            HttpCall.Response answer = HttpCall.get(url("/api/audit?" + query)).bearer(admin).send();
            assertEquals(400, answer.status(), query + ": " + answer);
            assertTrue(answer.json().get("error") instanceof String, answer.toString());
        }
    }

    @Test
    void onlyAdminsReadTheLog() {
        assertEquals(201, HttpCall.post(url("/api/users"), "{\"username\":\"reader\",\"password\":\"" + USER_PASSWORD
                + "\",\"role\":\"USER\"}").bearer(admin).send().status());
        String user = ApiTestServer.login(url(""), "reader", USER_PASSWORD);
        assertEquals(403, HttpCall.get(url("/api/audit")).bearer(user).send().status());
        assertEquals(401, HttpCall.get(url("/api/audit")).send().status());
    }

    @Test
    void rowsOlderThanTheRetentionAreDeleted() {
        Instant old = Instant.now().minus(Duration.ofDays(401));
        database.update("INSERT INTO audit_log (at, actor, address, action, detail) VALUES (?, 'ghost', NULL, 'SIGN_IN', '{}')",
                Timestamp.from(old));
        database.update("INSERT INTO audit_log (at, actor, address, action, detail) VALUES (?, 'recent', NULL, 'SIGN_IN', '{}')",
                Timestamp.from(Instant.now().minus(Duration.ofDays(399))));
        assertTrue(retention.purge() >= 1);
        assertEquals(List.of(), page("/api/audit?actor=ghost"));
        assertEquals(1, page("/api/audit?actor=recent").size());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> page(String path) {
        HttpCall.Response answer = HttpCall.get(url(path)).bearer(admin).send();
        assertEquals(200, answer.status(), answer.toString());
        return (List<Map<String, Object>>) answer.json().get("items");
    }

    private static long id(HttpCall.Response created) {
        return ((Number) created.json().get("id")).longValue();
    }
}
