package io.loadstack.clients.jmeter;

import io.loadstack.support.security.IngestTokenHash;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Listener (influxdbUrl pointing at Loadstack's /write, influxdbToken the ingest token), fed samples
 * through its listener API, reporting to the packaged consumer. The run must appear in MySQL with its
 * transactions, counts, failures and error messages, and be COMPLETED by JMeter's end annotation.
 */
class JmeterBackendListenerIT {

    private static final Path CONSUMER_JAR = Path.of("..", "..", "consumer-service", "target", "consumer-service.jar");
    private static final String SECRET = "jmeter-it-secret-that-is-long-enough-for-hs256-0123";

    @Test
    void stockInfluxdbBackendListenerReportsARunWithTransactionsCountsAndErrors() throws Exception {
        assertTrue(Files.exists(CONSUMER_JAR), "build consumer-service first: " + CONSUMER_JAR.toAbsolutePath());
        try (TestDatabase database = TestDatabase.fresh("JmeterBackendListenerIT")) {
            database.migrate("filesystem:../../api-service/src/main/resources/db/api", "flyway_history_api");
            String token = userWithToken(database, "jmeter-user");
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", SECRET);
            environment.put("LOADSTACK_JOURNAL_DIR", Files.createTempDirectory("jmeter-it-journal").toString());
            environment.put("LOADSTACK_FLUSH_INTERVAL", "1s");
            try (ServiceProcess consumer = ServiceProcess.start(CONSUMER_JAR, environment)) {
                assertTrue(consumer.awaitHealthy(Duration.ofSeconds(120)), consumer.output());
                runJmeterListener(consumer.baseUrl(), token);
                String uuid = awaitCompletedRun(database, consumer);

                Map<String, Object> run = row(database, "SELECT * FROM runs WHERE uuid = ?", uuid);
                assertEquals("jmeter", run.get("origin"));
                assertEquals("webshop – Checkout smoke", run.get("name"));
                assertEquals(70L, number(run, "requests"), "50 Login + 20 Add to cart");
                assertEquals(7L, number(run, "failures"));
                Map<String, Object> login = row(database, "SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'Login'", uuid);
                assertEquals(50L, number(login, "requests"));
                assertEquals(5L, number(login, "failures"));
                Map<String, Object> cart = row(database, "SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'Add to cart'", uuid);
                assertEquals(20L, number(cart, "requests"));
                assertEquals(2L, number(cart, "failures"));
                // JMeter sends min and max of each window: the approximate histogram keeps them
                assertEquals(100.0, ((Number) login.get("min_ms")).doubleValue(), 1.0);
                assertEquals(590.0, ((Number) login.get("max_ms")).doubleValue(), 6.0);
                Map<String, Object> errors = row(database,
                        "SELECT SUM(occurrences) AS n FROM run_errors WHERE run_uuid = ? AND message = '500 Internal Server Error'", uuid);
                assertEquals(7L, number(errors, "n"));
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
            Map<String, Object> run = row(database, "SELECT uuid FROM runs WHERE origin = 'jmeter' AND status = 'COMPLETED'");
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

    private static String userWithToken(TestDatabase database, String username) throws SQLException {
        String token = IngestTokenHash.newToken();
        try (Connection connection = database.connect()) {
            long userId;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (username, password_hash, role, created_at, password_changed_at) VALUES (?, 'x', 'USER', NOW(3), NOW(3))",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, username);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    userId = keys.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ingest_tokens (user_id, name, token_hash, token_prefix, created_at) VALUES (?, 'jmeter', ?, ?, NOW(3))")) {
                insert.setLong(1, userId);
                insert.setString(2, IngestTokenHash.hash(token));
                insert.setString(3, IngestTokenHash.displayPrefix(token));
                insert.executeUpdate();
            }
        }
        return token;
    }

    private static Map<String, Object> row(TestDatabase database, String sql, Object... parameters) {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Map<String, Object> values = new HashMap<>();
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                    values.put(row.getMetaData().getColumnLabel(c), row.getObject(c));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
