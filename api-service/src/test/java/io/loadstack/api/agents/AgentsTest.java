package io.loadstack.api.agents;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentsTest extends ApiServerTest {

    /** Short, so that going OFFLINE is quick to see; long enough that two calls in a row never span it. */
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);

    private String user;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("loadstack.agents.heartbeat-timeout", HEARTBEAT_TIMEOUT.toSeconds() + "s");
        properties.put("loadstack.agents.long-poll-wait", "2s");
        return properties;
    }

    @BeforeAll
    void makeAUser() {
        assertEquals(201, HttpCall.post(url("/api/users"), "{\"username\":\"plain\",\"password\":\"plain-password\"}")
                .bearer(admin).send().status());
        user = ApiTestServer.login(server.getURL().toString(), "plain", "plain-password");
    }

    @Test
    void anAdminCreatesListsAndRevokesAgentTokensStoredOnlyAsTheirHash() throws SQLException {
        HttpCall.Response created = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"eu cluster\"}").bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        String secret = (String) created.json().get("token");
        long id = ((Number) created.json().get("id")).longValue();
        assertTrue(secret.matches("lsa_[A-Za-z0-9_-]{43}"), secret);
        assertEquals("eu cluster", created.json().get("name"));

        HttpCall.Response listed = HttpCall.get(url("/api/agent-tokens")).bearer(admin).send();
        assertEquals(200, listed.status());
        assertFalse(listed.body().contains(secret), "the list never shows the secret");
        Map<String, Object> row = tokenIn(listed.jsonList(), id).orElseThrow();
        assertTrue(secret.startsWith((String) row.get("prefix")) && ((String) row.get("prefix")).length() < 12);
        assertEquals(false, row.get("revoked"));

        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT token_hash, token_prefix FROM agent_tokens WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet stored = query.executeQuery()) {
                assertTrue(stored.next());
                assertEquals(IngestTokenHash.hash(secret), stored.getString(1));
                assertFalse(stored.getString(1).contains(secret.substring(4)));
            }
        }

        assertEquals(204, HttpCall.delete(url("/api/agent-tokens/" + id)).bearer(admin).send().status());
        Map<String, Object> revoked = tokenIn(HttpCall.get(url("/api/agent-tokens")).bearer(admin).send().jsonList(), id).orElseThrow();
        assertEquals(true, revoked.get("revoked"), "a revoked token stays listed, marked revoked");
        assertNotNull(revoked.get("revokedAt"));
        assertEquals(404, HttpCall.delete(url("/api/agent-tokens/" + id)).bearer(admin).send().status(), "revoking twice");
    }

    @Test
    void aUserWhoIsNoAdminCannotManageAgentTokens() {
        long id = ((Number) HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"admins only\"}").bearer(admin).send()
                .json().get("id")).longValue();
        assertForbidden(HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"mine\"}").bearer(user).send());
        assertForbidden(HttpCall.get(url("/api/agent-tokens")).bearer(user).send());
        assertForbidden(HttpCall.delete(url("/api/agent-tokens/" + id)).bearer(user).send());
        assertEquals(401, HttpCall.get(url("/api/agent-tokens")).send().status());
    }

    @Test
    void anAgentTokenWorksOnTheHeartbeatAndNowhereElse() {
        String agent = newAgentToken("only agents");
        assertEquals(200, heartbeat(agent, "solo", "local", 0).status());
        for (String path : List.of("/api/user", "/api/runs", "/api/agents", "/api/tokens", "/api/agent-tokens", "/api/users",
                "/api/healthcheck", "/assets/app.css", "/api/agent/unknown")) {
            HttpCall.Response refused = HttpCall.get(url(path)).bearer(agent).send();
            assertEquals(403, refused.status(), path + ": " + refused);
            assertNotNull(refused.json().get("error"), path + ": " + refused);
        }
        assertEquals(403, HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"by an agent\"}").bearer(agent).send().status());
    }

    @Test
    void aLoginJwtAndAnIngestTokenAreRefusedOnTheHeartbeat() {
        String ingest = (String) HttpCall.post(url("/api/tokens"), "{\"name\":\"ingest\"}").bearer(admin).send().json().get("token");
        HttpCall.Response withJwt = heartbeat(admin, "by-admin", "local", 0);
        assertEquals(403, withJwt.status(), withJwt.toString());
        assertNotNull(withJwt.json().get("error"));
        assertEquals(403, heartbeat(user, "by-user", "local", 0).status());
        HttpCall.Response withIngestToken = heartbeat(ingest, "by-ingest", "local", 0);
        assertEquals(401, withIngestToken.status(), withIngestToken.toString());
        assertNotNull(withIngestToken.json().get("error"));
        assertEquals(401, HttpCall.post(url("/api/agent/heartbeat?wait=0"), body("anonymous", "local", "i")).send().status());
    }

    @Test
    void aRevokedAgentTokenIsRefusedAtItsNextRequest() {
        String agent = newAgentToken("to revoke");
        assertEquals(200, heartbeat(agent, "revoked-one", "local", 0).status());
        assertEquals(204, HttpCall.delete(url("/api/agent-tokens/" + idOf(agent))).bearer(admin).send().status());
        HttpCall.Response refused = heartbeat(agent, "revoked-one", "local", 0);
        assertEquals(401, refused.status(), refused.toString());
        assertNotNull(refused.json().get("error"));
    }

    @Test
    void aHeartbeatRegistersTheAgentIdleAndItGoesOfflineAfterTheTimeout() throws InterruptedException {
        String agent = newAgentToken("registry");
        HttpCall.Response beat = HttpCall.post(url("/api/agent/heartbeat?wait=0"), body("eu-1", "eu", "instance-a"))
                .bearer(agent).send();
        assertEquals(200, beat.status(), beat.toString());
        assertEquals(List.of(), beat.json().get("commands"));

        Map<String, Object> seen = agentNamed("eu-1").orElseThrow();
        assertEquals("IDLE", seen.get("status"));
        assertEquals("eu", seen.get("region"));
        assertEquals("1.0.0-test", seen.get("version"));
        assertNotNull(seen.get("lastSeenAt"));
        assertNotNull(seen.get("onlineSince"));

        long deadline = System.nanoTime() + HEARTBEAT_TIMEOUT.multipliedBy(6).toNanos();
        while (!"OFFLINE".equals(agentNamed("eu-1").orElseThrow().get("status"))) {
            assertTrue(System.nanoTime() < deadline, "eu-1 never went OFFLINE");
            Thread.sleep(250);
        }
        assertEquals(200, HttpCall.post(url("/api/agent/heartbeat?wait=0"), body("eu-1", "eu", "instance-b"))
                .bearer(agent).send().status(), "a silent agent's name is free for another instance");
        assertEquals("IDLE", agentNamed("eu-1").orElseThrow().get("status"));
    }

    @Test
    void aSecondOnlineAgentWithTheSameNameIsRefused() {
        String first = newAgentToken("first");
        String second = newAgentToken("second");
        assertEquals(200, HttpCall.post(url("/api/agent/heartbeat?wait=0"), body("twin", "us", "holder")).bearer(first).send().status());
        HttpCall.Response intruder = HttpCall.post(url("/api/agent/heartbeat?wait=0"), body("twin", "us", "intruder"))
                .bearer(second).send();
        assertEquals(409, intruder.status(), intruder.toString());
        String reason = (String) intruder.json().get("error");
        assertTrue(reason.contains("'twin'") && reason.contains("LOADSTACK_AGENT_NAME"), reason);
        assertEquals(200, HttpCall.post(url("/api/agent/heartbeat?wait=0"), body("twin", "us", "holder")).bearer(first).send().status(),
                "the holder goes on heartbeating");
    }

    @Test
    void agentsClaimingANewNameAtOnceGetOneWinnerAndClearRefusals() throws Exception {
        String agent = newAgentToken("racers");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpCall.Response>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String instance = "racer-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return HttpCall.post(url("/api/agent/heartbeat?wait=0"), body("contested", "eu", instance)).bearer(agent).send();
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<HttpCall.Response> answer : answers) {
                HttpCall.Response response = answer.get(60, TimeUnit.SECONDS);
                assertTrue(response.status() == 200 || response.status() == 409, response.toString());
                won += response.status() == 200 ? 1 : 0;
            }
            assertEquals(1, won, "one agent holds the name");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badHeartbeatsAreClientErrorsInJson() {
        String agent = newAgentToken("bad input");
        for (String name : List.of("", "has space", "x".repeat(65), "slash/name", "caf\u00e9")) {
            HttpCall.Response bad = heartbeat(agent, name, "local", 0);
            assertEquals(400, bad.status(), name + ": " + bad);
            assertNotNull(bad.json().get("error"));
        }
        assertEquals(400, heartbeat(agent, "ok-name", "no region", 0).status());
        assertEquals(400, HttpCall.post(url("/api/agent/heartbeat?wait=0"), "{\"name\":\"n\",\"region\":\"r\"}").bearer(agent).send().status());
        assertEquals(400, HttpCall.post(url("/api/agent/heartbeat?wait=31"), body("ok-name", "local", "i")).bearer(agent).send().status());
        assertEquals(400, HttpCall.post(url("/api/agent/heartbeat?wait=-1"), body("ok-name", "local", "i")).bearer(agent).send().status());
        assertEquals(400, HttpCall.post(url("/api/agent/heartbeat?wait=soon"), body("ok-name", "local", "i")).bearer(agent).send().status());
    }

    @Test
    void aWaitLongerThanTheLongPollIsHeldNoLongerAndNoneMeansTheLongPoll() {
        String agent = newAgentToken("capped");
        for (String query : List.of("?wait=30", "")) {
            HttpCall.Response answer = HttpCall.post(url("/api/agent/heartbeat" + query), body("capped", "local", "c"))
                    .bearer(agent).send();
            assertEquals(200, answer.status(), answer.toString());
            long held = Duration.between(Instant.parse((String) answer.json().get("receivedAt")),
                    Instant.parse((String) answer.json().get("serverTime"))).toMillis();
            assertTrue(held >= 2000 && held < 10_000, query + " held " + held + " ms, not the 30 s asked for");
        }
    }

    @Test
    void theLongPollAnswersAfterItsWaitWithTheServerTime() {
        String agent = newAgentToken("long poll");
        Instant before = Instant.now();
        HttpCall.Response answer = heartbeat(agent, "poller", "local", 1);
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(List.of(), answer.json().get("commands"));
        String receivedAt = (String) answer.json().get("receivedAt");
        String serverTime = (String) answer.json().get("serverTime");
        String utcMillis = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
        assertTrue(receivedAt.matches(utcMillis) && serverTime.matches(utcMillis), answer.toString());
        assertTrue(Duration.between(Instant.parse(receivedAt), Instant.parse(serverTime)).toMillis() >= 1000,
                "the server held the answer for the wait: " + answer);
        assertFalse(Instant.parse(receivedAt).isBefore(before.minusSeconds(5)), "the server's clock is this machine's");
    }

    private HttpCall.Response heartbeat(String token, String name, String region, int wait) {
        return HttpCall.post(url("/api/agent/heartbeat?wait=" + wait), body(name, region, "instance-" + name)).bearer(token).send();
    }

    private static String body(String name, String region, String instanceId) {
        return HttpCall.json(Map.of("name", name, "region", region, "version", "1.0.0-test", "instanceId",
                instanceId.isEmpty() ? UUID.randomUUID().toString() : instanceId));
    }

    private String newAgentToken(String name) {
        HttpCall.Response created = HttpCall.post(url("/api/agent-tokens"), HttpCall.json(Map.of("name", name))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return (String) created.json().get("token");
    }

    private long idOf(String secret) {
        String prefix = secret.substring(0, 10);
        return HttpCall.get(url("/api/agent-tokens")).bearer(admin).send().jsonList().stream()
                .filter(t -> prefix.equals(t.get("prefix")))
                .map(t -> ((Number) t.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    private Optional<Map<String, Object>> agentNamed(String name) {
        HttpCall.Response agents = HttpCall.get(url("/api/agents")).bearer(user).send();
        assertEquals(200, agents.status(), agents.toString());
        return agents.jsonList().stream().filter(a -> name.equals(a.get("name"))).findFirst();
    }

    private static Optional<Map<String, Object>> tokenIn(List<Map<String, Object>> tokens, long id) {
        return tokens.stream().filter(t -> ((Number) t.get("id")).longValue() == id).findFirst();
    }

    private static void assertForbidden(HttpCall.Response response) {
        assertEquals(403, response.status(), response.toString());
        assertNotNull(response.json().get("error"));
    }
}
