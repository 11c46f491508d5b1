package io.loadstack.api.launches;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launches over HTTP against a real MariaDB, with agents spoken for by the test (docs/launches.md). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchApiTest extends ApiServerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final byte[] LOCUSTFILE = resource("locustfile.py");
    private static final byte[] USERS_CSV = resource("users.csv");

    private final ConsumerStandIn consumer = new ConsumerStandIn();
    private final AtomicInteger regions = new AtomicInteger();
    private String alice;
    private String bob;
    private String agentToken;
    private long plan;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("loadstack.consumer.url", consumer.url());
        properties.put("loadstack.agents.long-poll-wait", "10s");
        return properties;
    }

    @BeforeAll
    void makeUsersAgentsAndAPlan() {
        alice = user("alice");
        bob = user("bob");
        HttpCall.Response token = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"launch agents\"}").bearer(admin).send();
        assertEquals(201, token.status(), token.toString());
        agentToken = (String) token.json().get("token");
        plan = uploadPlan("shop");
    }

    @AfterAll
    void stopConsumer() {
        consumer.close();
    }

    @Test
    void aLaunchIsMadeReadListedStoppedAndRunAgain() {
        List<TestAgent> agents = agents(2);
        String region = agents.get(0).region;
        Map<String, Object> asked = launchBody(region, 2, 7);
        asked.put("properties", Map.of("threads.loop", "-1"));
        HttpCall.Response created = HttpCall.post(url("/api/launches"), HttpCall.json(asked)).bearer(alice).send();
        assertEquals(201, created.status(), created.toString());
        long id = ((Number) created.json().get("id")).longValue();
        assertEquals("PENDING", created.json().get("status"));
        assertTrue(((String) created.json().get("runUuid")).matches("[0-9a-f-]{36}"), created.toString());

        Map<String, Object> launch = launch(id);
        assertEquals("PENDING", launch.get("status"));
        assertEquals("shop", launch.get("planName"));
        assertEquals("locust", launch.get("generator"));
        assertEquals(1, launch.get("version"), "the plan's latest version, pinned");
        assertEquals(7, launch.get("users"));
        assertEquals(5, launch.get("rampUpSeconds"));
        assertEquals(60, launch.get("durationSeconds"));
        assertEquals("http://shop.internal", launch.get("targetHost"));
        assertEquals(Map.of(region, 2), launch.get("regions"));
        assertEquals(Map.of("threads.loop", "-1"), launch.get("properties"));
        assertEquals("alice", launch.get("createdBy"));
        assertNotNull(launch.get("createdAt"));
        assertNull(launch.get("startAt"));
        List<Map<String, Object>> shares = agentsOf(launch);
        assertEquals(List.of(4, 3), shares.stream().map(a -> a.get("users")).toList(), "7 users over 2 agents");
        assertTrue(shares.stream().allMatch(a -> "ASSIGNED".equals(a.get("status")) && List.of().equals(a.get("log"))), shares.toString());

        HttpCall.Response listed = HttpCall.get(url("/api/launches?page=0&size=5")).bearer(bob).send();
        assertEquals(200, listed.status(), listed.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) listed.json().get("items");
        assertEquals(id, ((Number) items.get(0).get("id")).longValue(), "newest first");
        assertTrue(((Number) listed.json().get("total")).longValue() >= 1);
        assertEquals(5, listed.json().get("size"));

        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(alice).send().status());
        assertEquals("STOPPED", launch(id).get("status"), "stopped before the start: at once");
        assertEquals("stopped by alice", launch(id).get("reason"));
        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(alice).send().status(), "stopping twice");

        uploadVersion(plan);
        HttpCall.Response rerun = HttpCall.post(url("/api/launches/" + id + "/rerun"), "").bearer(alice).send();
        assertEquals(201, rerun.status(), rerun.toString());
        long again = ((Number) rerun.json().get("id")).longValue();
        assertNotEquals(id, again);
        assertNotEquals(created.json().get("runUuid"), rerun.json().get("runUuid"), "a new run");
        Map<String, Object> second = launch(again);
        assertEquals(1, second.get("version"), "the version the first launch ran, not the plan's latest");
        for (String same : List.of("users", "rampUpSeconds", "durationSeconds", "targetHost", "regions", "properties", "planId")) {
            assertEquals(launch.get(same), second.get(same), same);
        }
        assertEquals(2, agentsOf(second).size(), "the stopped launch's agents were free again");
        stop(again);
    }

    @Test
    void badLaunchRequestsAreClearClientErrors() {
        String region = agents(1).get(0).region;
        Map<String, Object> good = launchBody(region, 1, 5);
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {404, with(good, "planId", 999_999), "no plan"});
        cases.add(new Object[] {404, with(good, "version", 99), "no version 99"});
        cases.add(new Object[] {400, without(good, "planId"), "planId"});
        cases.add(new Object[] {400, without(good, "regions"), "regions"});
        cases.add(new Object[] {400, without(good, "users"), "users"});
        cases.add(new Object[] {400, with(good, "users", "many"), ""});
        cases.add(new Object[] {422, with(good, "regions", Map.of()), "no regions"});
        cases.add(new Object[] {422, with(good, "regions", Map.of(region, 0)), "ask for at least 1"});
        cases.add(new Object[] {422, with(good, "regions", Map.of("bad region!", 1)), "a region is 1 to 64 characters"});
        cases.add(new Object[] {422, with(with(good, "regions", Map.of(region, 3)), "users", 2), "cannot be split over 3 agents"});
        cases.add(new Object[] {422, with(good, "durationSeconds", 0), "durationSeconds must be positive"});
        cases.add(new Object[] {422, with(good, "durationSeconds", 86_401), "at most 86400"});
        cases.add(new Object[] {422, with(good, "rampUpSeconds", -1), "must not be negative"});
        cases.add(new Object[] {422, with(good, "rampUpSeconds", 61), "must not exceed durationSeconds"});
        cases.add(new Object[] {422, with(good, "targetHost", "shop.internal"), "http:// or https:// URL"});
        cases.add(new Object[] {422, with(good, "targetHost", "file:///etc/passwd"), "http:// or https:// URL"});
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 101; i++) {
            many.put("p" + i, "v");
        }
        cases.add(new Object[] {422, with(good, "properties", many), "at most 100"});
        cases.add(new Object[] {422, with(good, "properties", Map.of("k", "v".repeat(1001))), "at most 1000 characters"});
        cases.add(new Object[] {422, with(good, "generator", "k6"), "generator must be jmeter or locust"});
        cases.add(new Object[] {422, with(good, "generator", "jmeter"), "the plan runs with locust"});
        for (Object[] c : cases) {
            HttpCall.Response refused = HttpCall.post(url("/api/launches"), HttpCall.json(c[1])).bearer(alice).send();
            assertEquals(c[0], refused.status(), c[2] + ": " + refused);
            String error = (String) refused.json().get("error");
            assertNotNull(error, refused.toString());
            assertTrue(error.contains((String) c[2]), c[2] + " in " + error);
        }
        assertEquals(400, HttpCall.post(url("/api/launches"), "{not json").bearer(alice).send().status());
        assertEquals(401, HttpCall.post(url("/api/launches"), HttpCall.json(good)).send().status());
        assertEquals(403, HttpCall.post(url("/api/launches"), HttpCall.json(good)).bearer(agentToken).send().status(),
                "agents do not launch");
        assertEquals(404, HttpCall.get(url("/api/launches/999999")).bearer(alice).send().status());
        assertEquals(404, HttpCall.post(url("/api/launches/999999/stop"), "").bearer(alice).send().status());
        assertEquals(404, HttpCall.post(url("/api/launches/999999/rerun"), "").bearer(alice).send().status());
        assertEquals(400, HttpCall.get(url("/api/launches?size=0")).bearer(alice).send().status());
        assertEquals(400, HttpCall.get(url("/api/launches?page=-1")).bearer(alice).send().status());
    }

    @Test
    void aLaunchRunsFromAssignmentToCompletionAndItsRunIsCommitted() throws SQLException {
        List<TestAgent> agents = agents(2);
        long id = launch(agents.get(0).region, 2, 10);
        Map<String, Object> launch = launch(id);
        String runUuid = (String) launch.get("runUuid");

        String ingestToken = null;
        for (TestAgent agent : agents) {
            Map<String, Object> assign = agent.command("assign", id);
            assertEquals(runUuid, assign.get("runUuid"));
            assertEquals("shop", assign.get("runName"));
            assertEquals("locust", assign.get("generator"));
            assertEquals(Map.of("name", "locustfile.py", "size", LOCUSTFILE.length, "sha256", sha256(LOCUSTFILE)), assign.get("main"));
            assertEquals(List.of(Map.of("name", "users.csv", "size", USERS_CSV.length, "sha256", sha256(USERS_CSV))), assign.get("files"));
            assertEquals(5, assign.get("users"));
            assertEquals(5, assign.get("rampUpSeconds"));
            assertEquals(1.0, ((Number) assign.get("spawnRate")).doubleValue());
            assertEquals(60, assign.get("durationSeconds"));
            assertEquals("http://shop.internal", assign.get("targetHost"));
            assertEquals(Map.of("launch", Long.toString(id), "plan", "shop", "region", agent.region, "generator", "locust"),
                    assign.get("tags"));
            String token = (String) assign.get("ingestToken");
            assertTrue(token.matches("lst_[A-Za-z0-9_-]{43}"), token);
            assertTrue(ingestToken == null || ingestToken.equals(token), "one token per launch");
            ingestToken = token;
            assertEquals("BUSY", agentStatus(agent.name));
            agent.hold(id, "PREPARING", null, false);
            assertEquals(List.of(), agent.commands(), "assigned once it holds the share");
        }
        assertEquals(IngestTokenHash.hash(ingestToken), database.row(
                "SELECT t.token_hash FROM ingest_tokens t JOIN launches l ON l.ingest_token_id = t.id WHERE l.id = ?", id).get("token_hash"));

        assertEquals("PREPARING", agents.get(0).reported(id, "PREPARING"));
        agents.get(1).reported(id, "PREPARING");
        assertEquals("PREPARING", agents.get(0).reported(id, "READY", Map.of("message", "Locust 2.12.1")));
        assertEquals("STARTING", agents.get(1).reported(id, "READY", Map.of("message", "Locust 2.12.1")));
        launch = launch(id);
        String startAt = (String) launch.get("startAt");
        assertNotNull(startAt);

        for (TestAgent agent : agents) {
            agent.hold(id, "READY", null, false);
            Map<String, Object> start = agent.command("start", id);
            assertEquals(Instant.parse(startAt), Instant.parse((String) start.get("startAt")));
            agent.hold(id, "READY", (String) start.get("startAt"), false);
            assertEquals(List.of(), agent.commands(), "no start again once the agent has it");
        }

        Instant first = Instant.parse(startAt);
        assertEquals("RUNNING", agents.get(0).reported(id, "RUNNING", Map.of("firstRequestAt", first.plusMillis(3).toString())));
        agents.get(1).reported(id, "RUNNING", Map.of("firstRequestAt", first.plusMillis(10).toString(), "requests", 3,
                "log", List.of("line 1", "x".repeat(600))));
        agents.get(1).reported(id, "RUNNING", Map.of("requests", 40, "failures", 2, "log", List.of("line 3")));
        launch = launch(id);
        assertEquals("RUNNING", launch.get("status"));
        assertEquals(7, ((Number) launch.get("skewMs")).intValue(), launch.toString());
        Map<String, Object> second = agentsOf(launch).get(1);
        assertEquals(40, ((Number) second.get("requests")).intValue());
        assertEquals(2, ((Number) second.get("failures")).intValue());
        @SuppressWarnings("unchecked")
        List<String> log = (List<String>) second.get("log");
        assertEquals(3, log.size(), log.toString());
        assertEquals(500, log.get(1).length(), "a long line is cut");
        assertEquals("Locust 2.12.1", second.get("readyMessage"));

        assertEquals("RUNNING", agents.get(0).reported(id, "FINISHED", Map.of("requests", 100, "failures", 0)));
        assertEquals("COMPLETED", agents.get(1).reported(id, "FINISHED", Map.of("requests", 120, "failures", 2)));
        assertEquals("COMPLETED", launch(id).get("status"));
        assertNotNull(launch(id).get("endedAt"));

        String token = ingestToken;
        await("the run committed", () -> !consumer.commitsOf(runUuid).isEmpty());
        ConsumerStandIn.Commit commit = consumer.commitsOf(runUuid).get(0);
        assertEquals("Token " + token, commit.authorization());
        assertEquals(Map.of("uuid", runUuid), new HttpCall.Response(200, commit.body(), Map.of()).json());
        await("the token revoked", () -> database.row("SELECT run_committed_at FROM launches WHERE id = ?", id)
                .get("run_committed_at") != null);
        assertNotNull(database.row("SELECT revoked_at FROM ingest_tokens WHERE token_hash = ?", IngestTokenHash.hash(token)).get("revoked_at"));
        assertEquals(1, consumer.commitsOf(runUuid).size(), "committed once");

        for (TestAgent agent : agents) {
            agent.hold(id, "FINISHED", startAt, false);
            assertEquals("stop", agent.command("stop", id).get("type"), "a launch that has ended is stopped");
            agent.drop(id);
            assertEquals(List.of(), agent.commands());
            assertEquals("IDLE", agentStatus(agent.name));
        }
    }

    @Test
    void aWaitingHeartbeatGetsItsAssignmentAsSoonAsTheLaunchIsMade() throws Exception {
        TestAgent agent = agents(1).get(0);
        backdate(agent);
        CompletableFuture<List<Map<String, Object>>> waiting = CompletableFuture.supplyAsync(() -> agent.commands(10));
        // Seen again: its long-poll has begun (the launch below must find it online).
        await("the heartbeat waiting", () -> "IDLE".equals(agentStatus(agent.name)));
        long id = launch(agent.region, 1, 1);
        List<Map<String, Object>> commands = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(1, commands.size(), "the long-poll ended with the assignment, not empty at its end: " + commands);
        assertEquals("assign", commands.get(0).get("type"));
        assertEquals(id, ((Number) commands.get(0).get("launchId")).longValue());
        stop(id);
    }

    @Test
    void stoppingARunningLaunchStopsItsAgentsAndEndsStoppedOnceTheyFinished() {
        List<TestAgent> agents = agents(2);
        long id = running(agents);
        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(alice).send().status());
        assertEquals("STOPPING", launch(id).get("status"));
        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(alice).send().status(), "stopping twice");
        String startAt = (String) launch(id).get("startAt");
        for (TestAgent agent : agents) {
            Map<String, Object> stop = agent.command("stop", id);
            assertEquals("stopped by alice", stop.get("reason"));
            assertEquals(10, stop.get("graceSeconds"));
            agent.hold(id, "RUNNING", startAt, true);
            assertEquals(List.of(), agent.commands(), "stopping already: no stop again");
        }
        assertEquals("STOPPING", agents.get(0).reported(id, "FINISHED", Map.of("requests", 10)));
        assertEquals("STOPPED", agents.get(1).reported(id, "FINISHED", Map.of("requests", 12)));
        assertEquals("stopped by alice", launch(id).get("reason"));
        String runUuid = (String) launch(id).get("runUuid");
        await("the stopped launch's run committed", () -> !consumer.commitsOf(runUuid).isEmpty());
    }

    @Test
    void onlyTheLauncherAndAdminsStopOrRerunALaunch() {
        long id = launch(agents(1).get(0).region, 1, 1);
        HttpCall.Response refused = HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(bob).send();
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(((String) refused.json().get("error")).contains("alice"), refused.toString());
        assertEquals(403, HttpCall.post(url("/api/launches/" + id + "/rerun"), "").bearer(bob).send().status());
        assertEquals(200, HttpCall.get(url("/api/launches/" + id)).bearer(bob).send().status(), "everyone reads");
        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(admin).send().status());
        assertEquals("stopped by " + ApiTestServer.ADMIN, launch(id).get("reason"));
    }

    @Test
    void reportsThatDoNotFitAreRefused() {
        List<TestAgent> agents = agents(1);
        TestAgent agent = agents.get(0);
        long id = launch(agent.region, 1, 1);
        agent.command("assign", id);
        HttpCall.Response early = agent.report(id, "RUNNING", Map.of());
        assertEquals(409, early.status(), early.toString());
        assertTrue(((String) early.json().get("error")).contains("cannot start before the start is scheduled"), early.toString());
        assertEquals(404, agent.report(999_999, "PREPARING", Map.of()).status(), "no such launch");
        TestAgent stranger = agents(1).get(0);
        stranger.commands();
        assertEquals(404, stranger.report(id, "PREPARING", Map.of()).status(), "no share of it");

        HttpCall.Response otherToken = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"other\"}").bearer(admin).send();
        TestAgent impostor = new TestAgent(server.getURL().toString(), (String) otherToken.json().get("token"), agent.name, agent.region);
        assertEquals(404, impostor.report(id, "PREPARING", Map.of()).status(), "the agent's name under another agent token");

        assertEquals(400, agent.report(id, "LOST", Map.of()).status());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            lines.add("line " + i);
        }
        assertEquals(400, agent.report(id, "PREPARING", Map.of("log", lines)).status());
        assertEquals(400, agent.report(id, "PREPARING", Map.of("requests", -1)).status());
        assertEquals(403, HttpCall.post(url("/api/agent/launches/" + id + "/report"), "{\"name\":\"x\",\"status\":\"READY\"}")
                .bearer(alice).send().status(), "users do not report");
        assertEquals("PREPARING", agent.reported(id, "PREPARING", Map.of("log", lines.subList(0, 50))));
        assertEquals("PREPARING", agent.reported(id, "PREPARING", Map.of("log", List.of("again"))), "a repeated report is progress");
        @SuppressWarnings("unchecked")
        List<String> log = (List<String>) agentsOf(launch(id)).get(0).get("log");
        assertEquals(50, log.size());
        assertEquals("again", log.get(49), "the last 50 lines are kept");
        stop(id);
        assertEquals(409, agent.report(id, "READY", Map.of()).status(), "a released agent is told to stop its share");
    }

    @Test
    void twoAgentsReportingAtOnceAreJudgedOneAfterTheOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                List<TestAgent> agents = agents(2);
                long id = launch(agents.get(0).region, 2, 2);
                for (TestAgent agent : agents) {
                    agent.command("assign", id);
                    agent.hold(id, "PREPARING", null, false);
                    agent.reported(id, "PREPARING");
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpCall.Response>> answers = new ArrayList<>();
                for (TestAgent agent : agents) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return agent.report(id, "READY", Map.of("message", "ready"));
                    }));
                }
                go.countDown();
                for (Future<HttpCall.Response> answer : answers) {
                    assertEquals(200, answer.get(30, TimeUnit.SECONDS).status());
                }
                Map<String, Object> launch = launch(id);
                assertEquals("STARTING", launch.get("status"), "round " + round + ": both READY seen by the second: " + launch);
                assertTrue(agentsOf(launch).stream().allMatch(a -> "READY".equals(a.get("status"))), launch.toString());
                for (TestAgent agent : agents) {
                    agent.hold(id, "READY", null, false);
                    agent.command("start", id);
                }
                stop(id);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void launchesMadeAtOnceNeverTakeTheSameAgent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                List<TestAgent> agents = agents(2);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpCall.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return HttpCall.post(url("/api/launches"), HttpCall.json(launchBody(agents.get(0).region, 1, 1))).bearer(alice).send();
                    }));
                }
                go.countDown();
                List<String> taken = new ArrayList<>();
                for (Future<HttpCall.Response> answer : answers) {
                    HttpCall.Response created = answer.get(30, TimeUnit.SECONDS);
                    assertEquals(201, created.status(), created.toString());
                    long id = ((Number) created.json().get("id")).longValue();
                    taken.add((String) agentsOf(launch(id)).get(0).get("name"));
                    stop(id);
                }
                assertEquals(2, taken.stream().distinct().count(), "round " + round + ": " + taken);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAgentThatRestartedLosesItsShare() {
        TestAgent agent = agents(1).get(0);
        long id = launch(agent.region, 1, 1);
        agent.command("assign", id);
        agent.hold(id, "PREPARING", null, false);
        agent.reported(id, "PREPARING");
        agent.drop(id);
        assertEquals(List.of(), agent.commands(), "nothing to assign again: the share was taken");
        Map<String, Object> launch = launch(id);
        Map<String, Object> share = agentsOf(launch).get(0);
        assertEquals("FAILED", share.get("status"));
        assertEquals("the agent restarted and lost its share", share.get("reason"));
        assertEquals("FAILED", launch.get("status"));
        assertTrue(((String) launch.get("reason")).contains("the agent restarted"), launch.toString());
    }

    @Test
    void aSilentAgentIsLostAndTheLaunchStops() throws SQLException {
        List<TestAgent> agents = agents(1);
        long id = running(agents);
        backdate(agents.get(0));
        await("the agent lost", () -> "LOST".equals(agentsOf(launch(id)).get(0).get("status")));
        Map<String, Object> launch = launch(id);
        assertEquals("STOPPED", launch.get("status"), launch.toString());
        assertTrue(((String) launch.get("reason")).contains("lost: no heartbeat since"), launch.toString());
        String runUuid = (String) launch.get("runUuid");
        await("the run committed", () -> !consumer.commitsOf(runUuid).isEmpty());
    }

    @Test
    void aCommitTheConsumerRefusesIsRetried() {
        consumer.answer(503);
        try {
            List<TestAgent> agents = agents(1);
            long id = running(agents);
            agents.get(0).reported(id, "FINISHED", Map.of("requests", 5));
            String runUuid = (String) launch(id).get("runUuid");
            await("two tries", () -> consumer.commitsOf(runUuid).size() >= 2);
            assertNull(database.row("SELECT run_committed_at FROM launches WHERE id = ?", id).get("run_committed_at"));
            consumer.answer(409);
            await("committed at last", () -> database.row("SELECT run_committed_at FROM launches WHERE id = ?", id)
                    .get("run_committed_at") != null);
        } finally {
            consumer.answer(200);
        }
    }

    // ---- steps

    /** The agent was last heard from an hour ago: silent, as far as the api-service can tell. */
    private void backdate(TestAgent agent) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement silence = connection.prepareStatement(
                     "UPDATE agents SET last_seen_at = last_seen_at - INTERVAL 1 HOUR WHERE name = ?")) {
            silence.setString(1, agent.name);
            assertEquals(1, silence.executeUpdate());
        }
    }

    /** A launch of {@code agents} taken to RUNNING; its id. */
    private long running(List<TestAgent> agents) {
        long id = launch(agents.get(0).region, agents.size(), agents.size());
        for (TestAgent agent : agents) {
            agent.command("assign", id);
            agent.hold(id, "PREPARING", null, false);
            agent.reported(id, "PREPARING");
        }
        agents.forEach(agent -> agent.reported(id, "READY"));
        String startAt = (String) launch(id).get("startAt");
        for (TestAgent agent : agents) {
            agent.hold(id, "READY", null, false);
            agent.command("start", id);
            agent.hold(id, "RUNNING", startAt, false);
            agent.reported(id, "RUNNING", Map.of("firstRequestAt", startAt));
        }
        assertEquals("RUNNING", launch(id).get("status"));
        return id;
    }

    /** {@code count} agents online in a region of their own, so that no other test's launch takes them. */
    private List<TestAgent> agents(int count) {
        String region = "region-" + regions.incrementAndGet();
        List<TestAgent> agents = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            TestAgent agent = new TestAgent(server.getURL().toString(), agentToken, region + "-agent-" + i, region);
            assertEquals(List.of(), agent.commands());
            agents.add(agent);
        }
        return agents;
    }

    private Map<String, Object> launchBody(String region, int agents, int users) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", plan);
        body.put("regions", Map.of(region, agents));
        body.put("users", users);
        body.put("rampUpSeconds", 5);
        body.put("durationSeconds", 60);
        body.put("targetHost", "http://shop.internal");
        return body;
    }

    private long launch(String region, int agents, int users) {
        HttpCall.Response created = HttpCall.post(url("/api/launches"), HttpCall.json(launchBody(region, agents, users))).bearer(alice).send();
        assertEquals(201, created.status(), created.toString());
        return ((Number) created.json().get("id")).longValue();
    }

    private Map<String, Object> launch(long id) {
        HttpCall.Response launch = HttpCall.get(url("/api/launches/" + id)).bearer(alice).send();
        assertEquals(200, launch.status(), launch.toString());
        return launch.json();
    }

    private void stop(long id) {
        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(alice).send().status());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> agentsOf(Map<String, Object> launch) {
        return (List<Map<String, Object>>) launch.get("agents");
    }

    private String agentStatus(String name) {
        return HttpCall.get(url("/api/agents")).bearer(bob).send().jsonList().stream()
                .filter(a -> name.equals(a.get("name"))).map(a -> (String) a.get("status")).findFirst().orElseThrow();
    }

    private String user(String name) {
        assertEquals(201, HttpCall.post(url("/api/users"), HttpCall.json(Map.of("username", name, "password", name + "-password")))
                .bearer(admin).send().status());
        return ApiTestServer.login(server.getURL().toString(), name, name + "-password");
    }

    private long uploadPlan(String name) {
        HttpCall.Response created = postForm(url("/api/plans"), planForm("name", name));
        assertEquals(201, created.status(), created.toString());
        return ((Number) created.json().get("id")).longValue();
    }

    private void uploadVersion(long planId) {
        HttpCall.Response created = postForm(url("/api/plans/" + planId + "/versions"), planForm(null, null));
        assertEquals(201, created.status(), created.toString());
    }

    private HttpCall.Response postForm(String to, byte[] form) {
        return HttpCall.method("POST", to, form).header("Content-Type", "multipart/form-data; boundary=launch-test-boundary")
                .bearer(alice).send();
    }

    /** A locust plan with one data file, as curl -F sends it; {@code name} null for a new version. */
    private static byte[] planForm(String field, String name) {
        String boundary = "launch-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        if (name != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + name + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"generator\"\r\n\r\nlocust\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"main\"; filename=\"locustfile.py\"\r\n"
                + "Content-Type: text/x-python\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(LOCUSTFILE);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"users.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(USERS_CSV);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(key, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> body, String key) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.remove(key);
        return changed;
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + DEADLINE);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = LaunchApiTest.class.getResourceAsStream("/plans/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
