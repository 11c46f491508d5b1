package io.loadstack.dashboard;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard watching two real api-service replicas (the packaged jar, started as processes): one is
 * killed, the page's websocket hears DOWN within 5 s, the webhook is told, the replica comes back UP with a
 * restart counted, and a restarted dashboard still has all of it.
 */
class DashboardIT {

    private static final Path API_JAR = Path.of("..", "api-service", "target", "api-service.jar");
    private static final String ADMIN_PASSWORD = "dashboard-it-admin-password";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Test
    void aKilledReplicaIsDownWithin5SecondsThenUpAgainAndTheHistorySurvivesADashboardRestart() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(API_JAR),
                API_JAR + " is not built: run mvn -B verify -pl api-service,health-dashboard -am");
        try (TestDatabase database = TestDatabase.fresh("DashboardIT");
             FakeService receiver = new FakeService()) {
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", DashboardTestSupport.SECRET);
            environment.put("LOADSTACK_MFA_KEY", DashboardTestSupport.MFA_KEY);
            environment.put("LOADSTACK_ADMIN_USERNAME", "admin");
            environment.put("LOADSTACK_ADMIN_PASSWORD", ADMIN_PASSWORD);
            int port1 = ServiceProcess.freePort();
            ServiceProcess app1 = ServiceProcess.start(API_JAR, with(environment, "appserver1", port1));
            ServiceProcess app2 = ServiceProcess.start(API_JAR, with(environment, "appserver2", ServiceProcess.freePort()));
            try {
                assertTrue(app1.awaitHealthy(Duration.ofSeconds(150)), app1.output());
                assertTrue(app2.awaitHealthy(Duration.ofSeconds(150)), app2.output());
                String targets = "appserver1=" + app1.baseUrl() + ",appserver2=" + app2.baseUrl();
                Map<String, Object> properties = DashboardTestSupport.properties(database, targets);
                properties.put("loadstack.dashboard.alert-webhook", receiver.url() + "/hook");
                Instant beforeOutage;

                try (EmbeddedServer dashboard = ApplicationContext.run(EmbeddedServer.class, properties)) {
                    String base = dashboard.getURL().toString();
                    // The api-service's admin signs in on the dashboard: same users table, same secret.
                    String token = login(base);
                    try (DashboardTestSupport.LiveClient live = new DashboardTestSupport.LiveClient(base, token)) {
                        assertNotNull(awaitStatus(live, "appserver1", "UP", Duration.ofSeconds(15)));
                        assertNotNull(awaitStatus(live, "appserver2", "UP", Duration.ofSeconds(15)));

                        beforeOutage = Instant.now();
                        long killed = System.nanoTime();
                        app1.kill9();
                        Map<String, Object> down = awaitStatus(live, "appserver1", "DOWN", Duration.ofSeconds(10));
                        long seenAfter = (System.nanoTime() - killed) / 1_000_000;
                        assertNotNull(down, "the websocket reported appserver1 DOWN");
                        System.out.printf("appserver1 DOWN on the websocket %d ms after kill -9%n", seenAfter);
                        assertTrue(seenAfter < 5000, "DOWN visible after " + seenAfter + " ms");
                        assertEquals("UP", statusOf(down, "appserver2"), "the other replica stays UP");

                        app1 = ServiceProcess.start(API_JAR, with(environment, "appserver1", port1));
                        assertTrue(app1.awaitHealthy(Duration.ofSeconds(150)), app1.output());
                        assertNotNull(awaitStatus(live, "appserver1", "UP", Duration.ofSeconds(10)), "back UP on the websocket");
                    }
                    List<Map<String, Object>> events = HttpCall.get(base + "/api/events").bearer(token).send().jsonList();
                    List<String> kinds = events.stream().filter(e -> "appserver1".equals(e.get("target")))
                            .map(e -> (String) e.get("kind")).toList();
                    assertEquals(List.of("UP", "RESTART", "DOWN"), kinds, "newest first: " + events);
                    assertTrue(events.stream().noneMatch(e -> "appserver2".equals(e.get("target"))), events.toString());

                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (receiver.posts().size() < 3 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    String posts = String.join("\n", receiver.posts());
                    assertTrue(posts.contains("appserver1 is DOWN"), posts);
                    assertTrue(posts.contains("appserver1 restarted"), posts);
                    assertTrue(posts.contains("appserver1 is UP again"), posts);
                }

                try (EmbeddedServer restarted = ApplicationContext.run(EmbeddedServer.class, properties)) {
                    String base = restarted.getURL().toString();
                    String token = login(base);
                    List<Map<String, Object>> events = HttpCall.get(base + "/api/events").bearer(token).send().jsonList();
                    assertEquals(3, events.size(), "the events survive the restart: " + events);
                    Map<String, Object> history = HttpCall.get(base + "/api/history?minutes=10").bearer(token).send().json();
                    @SuppressWarnings("unchecked")
                    List<Number> times = (List<Number>) ((Map<String, Object>) history.get("appserver1")).get("t");
                    assertTrue(times.get(0).doubleValue() < beforeOutage.getEpochSecond(), "samples from before the outage: " + times);
                    try (DashboardTestSupport.LiveClient live = new DashboardTestSupport.LiveClient(base, token)) {
                        Map<String, Object> update = awaitStatus(live, "appserver1", "UP", Duration.ofSeconds(10));
                        assertNotNull(update);
                        assertEquals(1, ((Number) service(update, "appserver1").get("restarts")).intValue(),
                                "the restart count comes back from the history");
                    }
                    assertEquals(3, HttpCall.get(base + "/api/events").bearer(token).send().jsonList().size(),
                            "no news announced after the restart");
                }
            } finally {
                app1.close();
                app2.close();
            }
        }
    }

    private static Map<String, String> with(Map<String, String> environment, String instance, int port) {
        Map<String, String> copy = new HashMap<>(environment);
        copy.put("LOADSTACK_INSTANCE", instance);
        copy.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        return copy;
    }

    private static String login(String base) {
        HttpCall.Response response = HttpCall.post(base + "/login",
                HttpCall.json(Map.of("username", "admin", "password", ADMIN_PASSWORD))).send();
        assertEquals(200, response.status(), response.toString());
        return (String) response.json().get("access_token");
    }

    /** The next live update in which {@code name} has {@code status}; null if none within the timeout. */
    private static Map<String, Object> awaitStatus(DashboardTestSupport.LiveClient live, String name, String status,
                                                   Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String message = live.messages.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (message == null) {
                continue;
            }
            Map<String, Object> update = JSON.readValue(message, Argument.mapOf(String.class, Object.class));
            if (status.equals(statusOf(update, name))) {
                return update;
            }
        }
        return null;
    }

    private static String statusOf(Map<String, Object> update, String name) {
        Map<String, Object> service = service(update, name);
        return service == null ? null : (String) service.get("status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> update, String name) {
        for (Object service : (List<Object>) update.get("services")) {
            Map<String, Object> map = (Map<String, Object>) service;
            if (name.equals(map.get("name"))) {
                return map;
            }
        }
        return null;
    }
}
