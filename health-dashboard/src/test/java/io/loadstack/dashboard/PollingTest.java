package io.loadstack.dashboard;

import io.loadstack.dashboard.events.ServiceView;
import io.loadstack.dashboard.events.StatusBoard;
import io.loadstack.dashboard.history.EventRepository;
import io.loadstack.dashboard.history.HealthEvent;
import io.loadstack.dashboard.history.RetentionCleanup;
import io.loadstack.dashboard.polling.Poller;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TcpProxy;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's own logic against local HTTP servers that play the services: each test starts a dashboard
 * whose scheduler never fires and polls by hand, so that every step is deterministic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingTest {

    private final TestDatabase database = TestDatabase.fresh("DashboardPollingTest");

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    private EmbeddedServer dashboard(String targets, Map<String, Object> extra) {
        Map<String, Object> properties = DashboardTestSupport.properties(database, targets);
        properties.put("loadstack.dashboard.initial-delay", "1h");
        properties.put("loadstack.dashboard.timeout", "1s");
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static ServiceView view(EmbeddedServer server, String name) {
        return server.getApplicationContext().getBean(StatusBoard.class).views().stream()
                .filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<HealthEvent> events(EmbeddedServer server, String target) {
        return server.getApplicationContext().getBean(EventRepository.class)
                .newest(1000).stream()
                .filter(e -> e.target().equals(target)).toList();
    }

    private static void poll(EmbeddedServer server) {
        server.getApplicationContext().getBean(Poller.class).pollOnce();
    }

    @Test
    void aHungTargetCostsTheOthersNothing() {
        try (FakeService fast = new FakeService(); FakeService hung = new FakeService().delay(8000);
             EmbeddedServer server = dashboard("fast=" + fast.url() + ",hung=" + hung.url(), Map.of())) {
            long started = System.nanoTime();
            poll(server);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 3000, "one poll of all targets took " + millis + " ms with a 1 s timeout");
            assertEquals("UP", view(server, "fast").status());
            assertEquals("DOWN", view(server, "hung").status());
            assertEquals("no answer within 1000 ms", view(server, "hung").detail());
            ServiceView fastView = view(server, "fast");
            assertEquals(0.25, fastView.cpuProcess());
            assertEquals(52428800L, fastView.memRss());
            assertEquals(100.0, fastView.uptime());
            assertEquals("UP", view(server, "database").status(), "the dashboard checks its database too");
        }
    }

    @Test
    void anUptimeThatGoesDownIsARestart() {
        try (FakeService service = new FakeService().uptime(500);
             EmbeddedServer server = dashboard("restarting=" + service.url(), Map.of())) {
            poll(server);
            service.uptime(502);
            poll(server);
            assertEquals(0, view(server, "restarting").restarts());
            service.uptime(3);
            poll(server);
            service.uptime(5);
            poll(server);
            assertEquals(1, view(server, "restarting").restarts());
            List<HealthEvent> events = events(server, "restarting");
            assertEquals(1, events.size(), events.toString());
            assertEquals(HealthEvent.RESTART, events.get(0).kind());
            assertTrue(events.get(0).message().contains("restarted"), events.get(0).message());
        }
    }

    @Test
    void monitIsReadWithBasicAuthAndANewPidIsARestart() {
        try (FakeService service = new FakeService().monit("monit", "monit-secret", 100);
             FakeService noMonit = new FakeService();
             EmbeddedServer server = dashboard("supervised=" + service.url() + ",bare=" + noMonit.url(), Map.of(
                     "loadstack.dashboard.monit", "supervised=" + service.url() + ",bare=" + noMonit.url(),
                     "loadstack.dashboard.monit-username", "monit",
                     "loadstack.dashboard.monit-password", "monit-secret"))) {
            poll(server);
            ServiceView supervised = view(server, "supervised");
            assertNotNull(supervised.monit());
            assertEquals("running", supervised.monit().state());
            assertEquals(100, supervised.monit().pid());
            assertEquals("api-service", supervised.monit().process());
            // A Monit that refuses us (here: none at all, 401) is shown, and the service is still judged by its healthcheck.
            assertEquals("unreachable", view(server, "bare").monit().state());
            assertEquals("UP", view(server, "bare").status());

            service.monit("monit", "monit-secret", 200);
            poll(server);
            assertEquals(1, view(server, "supervised").restarts());
            assertTrue(events(server, "supervised").get(0).message().contains("new pid 200"));
        }
    }

    @Test
    void aStoppedServiceIsDownAnnouncedToTheWebhookAndUpAgainWhenBack() throws Exception {
        try (FakeService service = new FakeService(); FakeService receiver = new FakeService();
             EmbeddedServer server = dashboard("flaky=" + service.url(),
                     Map.of("loadstack.dashboard.alert-webhook", receiver.url() + "/hook"))) {
            poll(server);
            assertTrue(events(server, "flaky").isEmpty(), "first seen UP is no news");
            service.stop();
            poll(server);
            assertEquals("DOWN", view(server, "flaky").status());
            assertEquals("connection refused", view(server, "flaky").detail());
            service.start();
            poll(server);
            assertEquals("UP", view(server, "flaky").status());

            List<HealthEvent> events = events(server, "flaky");
            assertEquals(List.of(HealthEvent.UP, HealthEvent.DOWN), events.stream().map(HealthEvent::kind).toList());
            assertFalse(events.get(1).occurredAt().isAfter(events.get(0).occurredAt()), "timestamps follow the order");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (receiver.posts().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(2, receiver.posts().size(), receiver.posts().toString());
            assertTrue(receiver.posts().get(0).startsWith("{\"text\":"), receiver.posts().get(0));
            assertTrue(receiver.posts().get(0).contains("flaky is DOWN: connection refused"), receiver.posts().get(0));
            assertTrue(receiver.posts().get(1).contains("flaky is UP again"), receiver.posts().get(1));
        }
    }

    @Test
    void aRestartedDashboardKeepsItsHistoryAndDoesNotAnnounceOldNews() {
        try (FakeService service = new FakeService().uptime(1000)) {
            String token;
            try (EmbeddedServer first = dashboard("steady=" + service.url() + ",gone=http://127.0.0.1:9", Map.of())) {
                poll(first);
                service.uptime(2);
                poll(first);
                assertEquals(1, view(first, "steady").restarts());
                assertEquals(1, events(first, "gone").size(), "first seen DOWN is an event");
            }
            try (EmbeddedServer second = dashboard("steady=" + service.url() + ",gone=http://127.0.0.1:9", Map.of())) {
                ServiceView before = view(second, "steady");
                poll(second);
                ServiceView after = view(second, "steady");
                assertEquals("UNKNOWN", before.status());
                assertEquals(1, after.restarts(), "the restart count comes back from the history");
                assertEquals(1, events(second, "gone").size(), "still DOWN is no new event");
                assertEquals(1, events(second, "steady").size());
                token = DashboardTestSupport.loginIfUsers(second.getURL().toString(), database);
                Map<String, Object> history = HttpCall.get(second.getURL() + "/api/history?minutes=5").bearer(token).send().json();
                @SuppressWarnings("unchecked")
                List<Object> times = (List<Object>) ((Map<String, Object>) history.get("steady")).get("t");
                assertEquals(3, times.size(), "two samples from the first run and one from the second: " + history);
            }
        }
    }

    @Test
    void retentionDeletesWhatIsOlderThanThePeriodAndNothingElse() throws Exception {
        try (EmbeddedServer server = dashboard("", Map.of("loadstack.dashboard.retention", "7d"))) {
            Instant now = Instant.now();
            try (Connection connection = database.connect();
                 PreparedStatement sample = connection.prepareStatement(
                         "INSERT INTO health_samples (target, sampled_at, status) VALUES ('retained', ?, 'UP')");
                 PreparedStatement event = connection.prepareStatement(
                         "INSERT INTO health_events (target, occurred_at, kind, message) VALUES ('retained', ?, 'DOWN', 'x')")) {
                for (Instant at : List.of(now.minus(8, ChronoUnit.DAYS), now.minus(7, ChronoUnit.DAYS).minusSeconds(60),
                        now.minus(6, ChronoUnit.DAYS), now.minusSeconds(10))) {
                    sample.setTimestamp(1, Timestamp.from(at));
                    sample.executeUpdate();
                    event.setTimestamp(1, Timestamp.from(at));
                    event.executeUpdate();
                }
            }
            server.getApplicationContext().getBean(RetentionCleanup.class).run();
            assertEquals(2, count("SELECT COUNT(*) FROM health_samples WHERE target = 'retained'"));
            assertEquals(2, count("SELECT COUNT(*) FROM health_events WHERE target = 'retained'"));
            assertEquals(0, count("SELECT COUNT(*) FROM health_samples WHERE target = 'retained'"
                    + " AND sampled_at < UTC_TIMESTAMP(3) - INTERVAL 7 DAY"));
        }
    }

    @Test
    void withoutItsDatabaseTheDashboardShowsItDownAndKeepsPolling() {
        try (FakeService service = new FakeService(); TcpProxy proxy = TcpProxy.inFrontOf(database.url());
             EmbeddedServer server = dashboard("alive=" + service.url(),
                     Map.of("datasources.default.url", proxy.rewrite(database.url())))) {
            poll(server);
            assertEquals("UP", view(server, "database").status());
            proxy.cut();
            long started = System.nanoTime();
            poll(server);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("DOWN", view(server, "database").status());
            assertTrue(millis < 3000, "a dead database costs the poll " + millis + " ms");
            assertEquals("UP", view(server, "alive").status(), "the other cards carry on");
            proxy.start();
            for (int attempt = 0; attempt < 10 && !"UP".equals(view(server, "database").status()); attempt++) {
                poll(server);
            }
            assertEquals("UP", view(server, "database").status());
            List<String> kinds = events(server, "database").stream().map(HealthEvent::kind).toList();
            assertEquals(List.of(HealthEvent.UP, HealthEvent.DOWN), kinds,
                    "the DOWN of the database itself is written once it is back");
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
