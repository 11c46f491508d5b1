package io.loadstack.clients.jmeter;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.apache.jmeter.config.Arguments;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jmeter.visualizers.backend.BackendListenerContext;
import org.apache.jmeter.visualizers.backend.influxdb.InfluxdbBackendListenerClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMeter 5.6.3's own {@code InfluxdbBackendListenerClient}, configured as a user would in the Backend
 * Listener (influxdbUrl pointing at Loadstack's /write, influxdbToken an ingest token made through the
 * api-service), fed samples through its listener API, reporting to the packaged consumer. The run must be
 * visible through the api-service with its transactions, counts and failures, COMPLETED by JMeter's end
 * annotation, with JMeter's error messages in the errors breakdown.
 */
class JmeterBackendListenerIT {

    private static final Path CONSUMER_JAR = Path.of("..", "..", "consumer-service", "target", "consumer-service.jar");
    private static final Path API_JAR = Path.of("..", "..", "api-service", "target", "api-service.jar");
    private static final String SECRET = "jmeter-it-secret-that-is-long-enough-for-hs256-0123";
    private static final String ADMIN_PASSWORD = "Jmeter-IT-admin-Passw0rd";

    @Test
    void stockInfluxdbBackendListenerReportsARunWithTransactionsCountsAndErrors() throws Exception {
        assertTrue(Files.exists(CONSUMER_JAR), "build consumer-service first: " + CONSUMER_JAR.toAbsolutePath());
        try (TestDatabase database = TestDatabase.fresh("JmeterBackendListenerIT")) {
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", SECRET);
            environment.put("LOADSTACK_MFA_KEY", "test-mfa-key-that-is-long-enough-0123456789abcdef");
            environment.put("LOADSTACK_ADMIN_USERNAME", "admin");
            environment.put("LOADSTACK_ADMIN_PASSWORD", ADMIN_PASSWORD);
            environment.put("LOADSTACK_JOURNAL_DIR", Files.createTempDirectory("jmeter-it-journal").toString());
            environment.put("LOADSTACK_FLUSH_INTERVAL", "1s");
            // As a user would: the api-service creates the admin, who makes an ingest token for JMeter.
            try (ServiceProcess api = ServiceProcess.start(API_JAR, environment)) {
                assertTrue(api.awaitHealthy(Duration.ofSeconds(120)), api.output());
                HttpCall.Response signIn = HttpCall.post(api.baseUrl() + "/auth",
                        "{\"username\": \"admin\", \"password\": \"" + ADMIN_PASSWORD + "\"}").send();
                assertEquals(200, signIn.status(), signIn.toString());
                String jwt = (String) signIn.json().get("access_token");
                HttpCall.Response created = HttpCall.post(api.baseUrl() + "/api/tokens", "{\"name\": \"jmeter\"}").bearer(jwt).send();
                assertEquals(201, created.status(), created.toString());
                String token = (String) created.json().get("token");

                try (ServiceProcess consumer = ServiceProcess.start(CONSUMER_JAR, environment)) {
                    assertTrue(consumer.awaitHealthy(Duration.ofSeconds(120)), consumer.output());
                    runJmeterListener(consumer.baseUrl(), token);
                    String uuid = awaitCompletedRun(database, consumer);

                    // what a user of the dashboard sees, through the api-service
                    Map<String, Object> run = HttpCall.get(api.baseUrl() + "/api/runs/" + uuid).bearer(jwt).send().json();
                    assertEquals("COMPLETED", run.get("status"));
                    assertEquals("jmeter", run.get("origin"));
                    assertEquals("webshop – Checkout smoke", run.get("name"));
                    assertEquals(70L, number(run, "requests"), "50 Login + 20 Add to cart");
                    assertEquals(7L, number(run, "failures"));
                    Map<String, Map<String, Object>> endpoints = new HashMap<>();
                    HttpCall.get(api.baseUrl() + "/api/runs/" + uuid + "/endpoints").bearer(jwt).send().jsonList()
                            .forEach(endpoint -> endpoints.put((String) endpoint.get("name"), endpoint));
                    Map<String, Object> login = endpoints.get("Login");
                    assertEquals(50L, number(login, "requests"));
                    assertEquals(5L, number(login, "failures"));
                    // JMeter sends min and max of each window: the approximate histogram keeps them
                    assertEquals(100.0, ((Number) login.get("min")).doubleValue(), 1.0);
                    assertEquals(590.0, ((Number) login.get("max")).doubleValue(), 6.0);
                    Map<String, Object> cart = endpoints.get("Add to cart");
                    assertEquals(20L, number(cart, "requests"));
                    assertEquals(2L, number(cart, "failures"));
                    Map<String, Object> errors = database.row(
                            "SELECT SUM(occurrences) AS n FROM run_errors WHERE run_uuid = ? AND message = '500 Internal Server Error'", uuid);
                    assertEquals(7L, number(errors, "n"));
                }
            }
        }
    }

    /** Two windows of samples, as JMeter's engine would hand them to the listener, then the end of the test. */
    private static void runJmeterListener(String baseUrl, String token) throws Exception {
        Path properties = Files.createTempFile("jmeter", ".properties");
        Files.writeString(properties, "backend_influxdb.send_interval=1\n");
        JMeterUtils.loadJMeterProperties(properties.toString());
        JMeterUtils.initLocale();

        Arguments arguments = new Arguments();
        new InfluxdbBackendListenerClient().getDefaultParameters().getArgumentsAsMap().forEach(arguments::addArgument);
        arguments.removeArgument("influxdbUrl");
        arguments.removeArgument("application");
        arguments.removeArgument("testTitle");
        arguments.addArgument("influxdbUrl", baseUrl + "/write?db=jmeter");
        arguments.addArgument("influxdbToken", token);
        arguments.addArgument("application", "webshop");
        arguments.addArgument("testTitle", "Checkout smoke");
        BackendListenerContext context = new BackendListenerContext(arguments);

        InfluxdbBackendListenerClient listener = new InfluxdbBackendListenerClient();
        listener.setupTest(context);
        long now = System.currentTimeMillis();
        List<SampleResult> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(sample("Login", now + i, 100 + i * 10L, i % 10 != 0));
        }
        for (int i = 0; i < 10; i++) {
            first.add(sample("Add to cart", now + i, 20 + i, i != 3));
        }
        listener.handleSampleResults(first, context);
        Thread.sleep(2_500); // more than one send interval: the first window goes out on its own
        List<SampleResult> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            second.add(sample("Login", now + 3000 + i, 400 + i * 10L, i % 10 != 0));
        }
        for (int i = 0; i < 10; i++) {
            second.add(sample("Add to cart", now + 3000 + i, 30 + i, i != 7));
        }
        listener.handleSampleResults(second, context);
        listener.teardownTest(context);
    }

    private static SampleResult sample(String label, long start, long elapsed, boolean ok) {
        SampleResult result = SampleResult.createTestSample(start, start + elapsed);
        result.setSampleLabel(label);
        result.setSuccessful(ok);
        result.setResponseCode(ok ? "200" : "500");
        result.setResponseMessage(ok ? "OK" : "Internal Server Error");
        result.setAllThreads(5);
        result.setGroupThreads(5);
        result.setSentBytes(100);
        result.setBodySize(1000L);
        return result;
    }

    private static String awaitCompletedRun(TestDatabase database, ServiceProcess consumer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Object> run = database.row("SELECT uuid FROM runs WHERE origin = 'jmeter' AND status = 'COMPLETED'");
            if (run != null) {
                return (String) run.get("uuid");
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no COMPLETED jmeter run; consumer said:\n" + consumer.output());
    }

    private static long number(Map<String, Object> row, String column) {
        assertNotNull(row, "no row");
        assertNotNull(row.get(column), column);
        return ((Number) row.get(column)).longValue();
    }
}
