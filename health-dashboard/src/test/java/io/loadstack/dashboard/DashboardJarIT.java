package io.loadstack.dashboard;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar, configured by the README's environment variables only, as the container runs it. */
class DashboardJarIT {

    private static final Path JAR = Path.of("target", "health-dashboard.jar");

    @Test
    void withoutAJwtSecretItRefusesToStart() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("DashboardJarNoSecret");
             ServiceProcess dashboard = ServiceProcess.start(JAR, database.environment())) {
            assertEquals(2, dashboard.awaitExit(Duration.ofSeconds(60)));
            assertTrue(dashboard.output().contains("LOADSTACK_JWT_SECRET is not set"), dashboard.output());
        }
    }

    @Test
    void withoutASecondFactorKeyItRefusesToStart() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("DashboardJarNoMfaKey")) {
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", DashboardTestSupport.SECRET);
            try (ServiceProcess dashboard = ServiceProcess.start(JAR, environment)) {
                assertEquals(2, dashboard.awaitExit(Duration.ofSeconds(60)));
                assertTrue(dashboard.output().contains("LOADSTACK_MFA_KEY is not set"), dashboard.output());
            }
        }
    }

    @Test
    void theEnvironmentVariablesConfigureIt() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("DashboardJar");
             FakeService target = new FakeService(); FakeService receiver = new FakeService()) {
            DashboardTestSupport.createUsers(database);
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", DashboardTestSupport.SECRET);
            environment.put("LOADSTACK_MFA_KEY", DashboardTestSupport.MFA_KEY);
            environment.put("LOADSTACK_DASHBOARD_TARGETS", "appserver1=" + target.url());
            environment.put("LOADSTACK_DASHBOARD_POLL_INTERVAL", "500ms");
            environment.put("LOADSTACK_ALERT_WEBHOOK", receiver.url() + "/hook");
            // Monit on the target's host: here nobody listens on that port, which must be harmless.
            environment.put("LOADSTACK_MONIT_PASSWORD", "secret");
            environment.put("LOADSTACK_DASHBOARD_MONIT_PORT", Integer.toString(ServiceProcess.freePort()));
            try (ServiceProcess dashboard = ServiceProcess.start(JAR, environment)) {
                assertTrue(dashboard.awaitHealthy(Duration.ofSeconds(90)), dashboard.output());
                String base = dashboard.baseUrl();
                String token = DashboardTestSupport.login(base);
                List<Map<String, Object>> services = waitForPolls(base, token);
                Map<String, Object> card = services.get(0);
                assertEquals("appserver1", card.get("name"));
                assertEquals("UP", card.get("status"), services.toString());
                assertNotNull(card.get("monit"), "Monit was asked");
                @SuppressWarnings("unchecked")
                Map<String, Object> monit = (Map<String, Object>) card.get("monit");
                assertEquals("unreachable", monit.get("state"));
                assertEquals(200, HttpCall.get(base + "/vendor/uplot/uPlot.esm.js").send().status(), "uPlot inside the jar");
                assertEquals(200, HttpCall.get(base + "/assets/js/format.js").send().status(), "service-support's shared scripts inside the jar");
                assertTrue(HttpCall.get(base + "/prometheus").send().body().contains("jvm_memory_used_bytes"));

                target.stop();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (receiver.posts().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(String.join("", receiver.posts()).contains("appserver1 is DOWN"), receiver.posts().toString());
            }
        }
    }

    private static List<Map<String, Object>> waitForPolls(String base, String token) throws InterruptedException {
        List<Map<String, Object>> services = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            services = HttpCall.get(base + "/api/services").bearer(token).send().jsonList();
            if (!services.isEmpty() && !"UNKNOWN".equals(services.get(0).get("status"))) {
                return services;
            }
            Thread.sleep(200);
        }
        return services;
    }
}
