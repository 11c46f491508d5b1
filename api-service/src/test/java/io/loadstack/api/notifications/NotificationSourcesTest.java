package io.loadstack.api.notifications;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.runs.RunFixtures;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events the platform tells by itself, delivered to a real receiver: runs starting and ending (written
 * to the runs table as the consumer-service writes them), each told once; a launch whose agent went silent
 * (agent.lost, then launch.failed). Real MariaDB, real HTTP.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationSourcesTest extends ApiServerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(40);

    private final WebhookReceiver receiver = new WebhookReceiver();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("loadstack.notifications.backoff", "200ms");
        properties.put("loadstack.public.url", "https://loadstack.test/");
        // An agent silent for 4 s is lost; heartbeats are answered at once.
        properties.put("loadstack.agents.heartbeat-timeout", "4s");
        properties.put("loadstack.agents.long-poll-wait", "0s");
        return properties;
    }

    @BeforeAll
    void makeRunTables() {
        RunFixtures.createTables(database);
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aRunsStartAndEndAreEachToldOnce() throws SQLException {
        channel("runs", receiver.url("/runs"), List.of("run.started", "run.finished"), List.of("watched test"));
        RunFixtures runs = new RunFixtures(database);
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String running = runs.insert(RunFixtures.run().name("watched test").status("RUNNING").startedAt(startedAt));
        runs.insert(RunFixtures.run().name("another test").status("RUNNING").startedAt(startedAt));

        WebhookReceiver.Received started = receiver.await(r -> is(r, "run.started", running), DEADLINE, "run.started");
        Map<String, Object> body = json(started);
        assertEquals("watched test", body.get("test"));
        assertEquals("https://loadstack.test/#/runs/" + running, body.get("link"));
        assertEquals("events", data(body).get("origin"));

        try (Connection c = database.connect();
             PreparedStatement end = c.prepareStatement("UPDATE runs SET status = 'COMPLETED', ended_at = ? WHERE uuid = ?")) {
            end.setTimestamp(1, Timestamp.from(startedAt.plusSeconds(60)));
            end.setString(2, running);
            end.executeUpdate();
        }
        WebhookReceiver.Received finished = receiver.await(r -> is(r, "run.finished", running), DEADLINE, "run.finished");
        Map<String, Object> finishedData = data(json(finished));
        assertEquals("COMPLETED", finishedData.get("status"));
        assertNull(finishedData.get("verdict"), "a run without thresholds or baseline has no verdict");
        @SuppressWarnings("unchecked")
        Map<String, Object> numbers = (Map<String, Object>) finishedData.get("numbers");
        assertEquals(6000, ((Number) numbers.get("requests")).intValue(), numbers.toString());
        assertEquals(60, ((Number) numbers.get("failures")).intValue(), numbers.toString());
        assertEquals(1.0, ((Number) numbers.get("errorPercent")).doubleValue(), 1e-9);
        assertEquals(100.0, ((Number) numbers.get("rps")).doubleValue(), 1e-9, "6000 requests in 60 s");

        // A run that starts and ends between two looks is told both; by then the first run's were not told again.
        String quick = runs.insert(RunFixtures.run().name("watched test").startedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        receiver.await(r -> is(r, "run.started", quick), DEADLINE, "the quick run's start");
        receiver.await(r -> is(r, "run.finished", quick), DEADLINE, "the quick run's end");
        assertEquals(1, receiver.received().stream().filter(r -> is(r, "run.started", running)).count());
        assertEquals(1, receiver.received().stream().filter(r -> is(r, "run.finished", running)).count());
        assertTrue(receiver.received().stream().noneMatch(r -> r.text().contains("another test")), "the channel wants one test");
    }

    @Test
    void aLiveThresholdFailureIsToldOnceAndTheEndCarriesTheVerdict() throws SQLException {
        channel("thresholds", receiver.url("/thresholds"), List.of("threshold.failed", "run.finished"), List.of("gated test"));
        RunFixtures runs = new RunFixtures(database);
        // every record has 1 % failures: "errors < 0.5%" fails on the first one
        String running = runs.insert(RunFixtures.run().name("gated test").status("RUNNING")
                .startedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).thresholds("errors < 0.5%", "p95 < 10s"));

        WebhookReceiver.Received failed = receiver.await(r -> is(r, "/thresholds", "threshold.failed", running), DEADLINE, "threshold.failed");
        assertTrue(failed.text().contains("errors < 0.5%"), failed.text());
        assertTrue(!failed.text().contains("p95 < 10s"), "only what failed: " + failed.text());

        try (Connection c = database.connect();
             PreparedStatement end = c.prepareStatement("UPDATE runs SET status = 'COMPLETED', ended_at = ? WHERE uuid = ?")) {
            end.setTimestamp(1, Timestamp.from(Instant.now().plusSeconds(60)));
            end.setString(2, running);
            end.executeUpdate();
        }
        WebhookReceiver.Received finished = receiver.await(r -> is(r, "/thresholds", "run.finished", running), DEADLINE, "run.finished");
        assertEquals("FAILED", data(json(finished)).get("verdict"), finished.text());
        assertEquals(1, receiver.received().stream().filter(r -> is(r, "/thresholds", "threshold.failed", running)).count(),
                "told once, though it kept failing until the end");
    }

    @Test
    void aSilentAgentIsToldLostAndItsLaunchFailed() {
        channel("launches", receiver.url("/launches"), List.of("agent.lost", "launch.failed"), List.of("lost plan"));
        HttpCall.Response token = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"notified agents\"}").bearer(admin).send();
        assertEquals(201, token.status(), token.toString());
        String agentToken = (String) token.json().get("token");
        long plan = uploadPlan("lost plan");
        // The launch must follow the heartbeat within the timeout, or the agent is not online for it.
        HttpCall.Response heartbeat = HttpCall.post(url("/api/agent/heartbeat?wait=0"), "{\"name\":\"silent-agent\","
                + "\"region\":\"silent-region\",\"version\":\"1.0.0\",\"instanceId\":\"silent-1\"}").bearer(agentToken).send();
        assertEquals(200, heartbeat.status(), heartbeat.toString());
        HttpCall.Response launched = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", plan,
                "regions", Map.of("silent-region", 1), "users", 2, "rampUpSeconds", 1, "durationSeconds", 60,
                "targetHost", "http://shop.internal"))).bearer(admin).send();
        assertEquals(201, launched.status(), launched.toString());
        long launch = ((Number) launched.json().get("id")).longValue();
        assertEquals("silent-agent", ((List<?>) HttpCall.get(url("/api/launches/" + launch)).bearer(admin).send().json()
                .get("agents")).stream().map(a -> ((Map<?, ?>) a).get("name")).findFirst().orElse(null), "the agent took the share");

        // The agent never heartbeats again.
        WebhookReceiver.Received lost = receiver.await(r -> r.path().equals("/launches") && "agent.lost".equals(r.header("X-Loadstack-Event")),
                DEADLINE, "agent.lost");
        Map<String, Object> lostData = data(json(lost));
        assertEquals("silent-agent", lostData.get("agent"));
        assertEquals(launch, ((Number) lostData.get("launchId")).longValue());
        assertEquals("https://loadstack.test/#/launches/" + launch, json(lost).get("link"));
        WebhookReceiver.Received failed = receiver.await(r -> r.path().equals("/launches") && "launch.failed".equals(r.header("X-Loadstack-Event")),
                DEADLINE, "launch.failed");
        assertEquals("lost plan", json(failed).get("test"));
        assertTrue(data(json(failed)).get("reason").toString().length() > 0, failed.text());
    }

    private static boolean is(WebhookReceiver.Received r, String event, String run) {
        return is(r, "/runs", event, run);
    }

    private static boolean is(WebhookReceiver.Received r, String path, String event, String run) {
        return r.path().equals(path) && event.equals(r.header("X-Loadstack-Event")) && r.text().contains(run);
    }

    private static Map<String, Object> json(WebhookReceiver.Received r) {
        return new HttpCall.Response(200, r.text(), Map.of()).json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> body) {
        return (Map<String, Object>) body.get("data");
    }

    private void channel(String name, String url, List<String> events, List<String> tests) {
        HttpCall.Response created = HttpCall.post(url("/api/notifications/channels"),
                HttpCall.json(NotificationChannelApiTest.body(name, "webhook", url, null, events, tests))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
    }

    /** A JMeter plan, as curl -F sends it. */
    private long uploadPlan(String name) {
        String boundary = "notification-boundary";
        String jmx = "<?xml version=\"1.0\"?><jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\"><hashTree/></jmeterTestPlan>";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"generator\"\r\n\r\njmeter\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"main\"; filename=\"plan.jmx\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + jmx + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpCall.Response created = HttpCall.method("POST", url("/api/plans"), form.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return ((Number) created.json().get("id")).longValue();
    }
}
