package io.loadstack.browser;

import java.nio.charset.StandardCharsets;
import io.loadstack.testsupport.MultipartForm;
import io.loadstack.testsupport.NginxFrontDoor;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged api-service and consumer-service on one database, behind nginx, as compose runs them (one
 * api replica here). The consumer writes its records every second instead of every 15 so that the test
 * sees several of them without waiting long; nothing else differs from production.
 */
final class LoadstackUnderTest implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "Browser-IT-admin-Passw0rd";
    private static final String SECRET = "browser-it-secret-that-is-long-enough-for-hs256-0123";
    private static final Path API_JAR = Path.of("..", "api-service", "target", "api-service.jar");
    private static final Path CONSUMER_JAR = Path.of("..", "consumer-service", "target", "consumer-service.jar");

    private final TestDatabase database;
    private final ServiceProcess api;
    private final ServiceProcess consumer;
    private final NginxFrontDoor nginx;
    private final String adminJwt;
    private final String ingestToken;

    private LoadstackUnderTest(TestDatabase database, ServiceProcess api, ServiceProcess consumer, NginxFrontDoor nginx,
                               String adminJwt, String ingestToken) {
        this.database = database;
        this.api = api;
        this.consumer = consumer;
        this.nginx = nginx;
        this.adminJwt = adminJwt;
        this.ingestToken = ingestToken;
    }

    /** @param testName names the test's own database */
    static LoadstackUnderTest start(String testName) throws IOException, InterruptedException {
        return start(testName, Map.of());
    }

    /**
     * @param testName names the test's own database
     * @param settings environment variables for both services beyond the ones every browser test sets
     */
    static LoadstackUnderTest start(String testName, Map<String, String> settings) throws IOException, InterruptedException {
        TestDatabase database = TestDatabase.fresh(testName);
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("LOADSTACK_JWT_SECRET", SECRET);
        environment.put("LOADSTACK_MFA_KEY", "test-mfa-key-that-is-long-enough-0123456789abcdef");
        environment.put("LOADSTACK_ADMIN_USERNAME", ADMIN);
        environment.put("LOADSTACK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("LOADSTACK_JOURNAL_DIR", Files.createTempDirectory("browser-it-journal").toString());
        environment.put("LOADSTACK_FLUSH_INTERVAL", "1s");
        environment.putAll(settings);
        List<AutoCloseable> started = new java.util.ArrayList<>();
        try {
            ServiceProcess api = ServiceProcess.start(API_JAR, environment);
            started.add(api);
            ServiceProcess consumer = ServiceProcess.start(CONSUMER_JAR, environment);
            started.add(consumer);
            if (!api.awaitHealthy(Duration.ofSeconds(120))) {
                throw new IllegalStateException("api-service did not become healthy:\n" + api.output());
            }
            if (!consumer.awaitHealthy(Duration.ofSeconds(120))) {
                throw new IllegalStateException("consumer-service did not become healthy:\n" + consumer.output());
            }
            NginxFrontDoor nginx = NginxFrontDoor.start(api.port(), consumer.port());
            started.add(nginx);
            String jwt = signIn(api.baseUrl());
            // As a user would: the admin makes an ingest token for the load generators.
            HttpCall.Response created = HttpCall.post(api.baseUrl() + "/api/tokens", "{\"name\": \"browser-it load generator\"}")
                    .bearer(jwt).send();
            if (created.status() != 201) {
                throw new IllegalStateException("token: " + created);
            }
            return new LoadstackUnderTest(database, api, consumer, nginx, jwt, (String) created.json().get("token"));
        } catch (Throwable e) {
            java.util.Collections.reverse(started);
            for (AutoCloseable part : started) {
                closeQuietly(part);
            }
            database.close();
            throw e;
        }
    }

    /** The services' database, for writing what another service (a provisioner) would write there. */
    TestDatabase database() {
        return database;
    }

    private static String signIn(String baseUrl) {
        HttpCall.Response response = HttpCall.post(baseUrl + "/auth",
                HttpCall.json(Map.of("username", ADMIN, "password", ADMIN_PASSWORD))).send();
        if (response.status() != 200) {
            throw new IllegalStateException("sign-in: " + response);
        }
        return (String) response.json().get("access_token");
    }

    /** What the browser opens: nginx. */
    String browserUrl() {
        return nginx.baseUrl();
    }

    /** nginx's self-signed certificate, for a load agent to trust (LOADSTACK_AGENT_CA_FILE). */
    Path certificate() {
        return nginx.certificate();
    }

    /** The load generators post straight to the consumer; the browser is what goes through nginx here. */
    IngestionClient ingestion() {
        return new IngestionClient(consumer.baseUrl(), ingestToken, api.baseUrl(), adminJwt);
    }

    /** Uploads a one-task locustfile as the admin, as the plans page would; @return the plan's id */
    long uploadLocustPlan(String name) {
        HttpCall.Response plan = new MultipartForm().text("name", name).text("generator", "locust")
                .file("main", "locustfile.py", ("from locust import HttpUser, task\n\n\nclass U(HttpUser):\n    @task\n"
                        + "    def home(self):\n        self.client.get(\"/\")\n").getBytes(StandardCharsets.UTF_8))
                .post(apiUrl() + "/api/plans").bearer(adminJwt).send();
        if (plan.status() != 201) {
            throw new IllegalStateException("uploading the plan " + name + ": " + plan);
        }
        return ((Number) plan.json().get("id")).longValue();
    }

    /** The api-service itself, for what a test sets up through the API rather than the page. */
    String apiUrl() {
        return api.baseUrl();
    }

    String adminJwt() {
        return adminJwt;
    }

    String nginxAccessLog() {
        return nginx.accessLog();
    }

    String logs() {
        return "api-service:\n" + tail(api.output()) + "\nconsumer-service:\n" + tail(consumer.output()) + "\n" + nginx.log();
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }

    @Override
    public void close() {
        closeQuietly(nginx);
        closeQuietly(consumer);
        closeQuietly(api);
        database.close();
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("closing " + part + ": " + e);
        }
    }
}
