package io.loadstack.agent;

import io.loadstack.agent.plan.FileCache;
import io.loadstack.agent.plan.PlanFile;
import io.loadstack.agent.plan.PlanFiles;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged agent, started with {@code java -jar} and environment variables only, against the packaged
 * api-service on a fresh schema, both as child processes, over plain HTTP (nginx and TLS are not part of it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadAgentJarIT {

    private static final Path API_JAR = Path.of("..", "api-service", "target", "api-service.jar");
    private static final Path AGENT_JAR = Path.of("target", "load-agent.jar");
    /** Bounds, not expectations: an agent is listed within a second or two and a revocation is seen within a long-poll. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    private TestDatabase database;
    private ServiceProcess api;
    private String admin;

    @BeforeAll
    void startTheApiService() {
        database = TestDatabase.fresh("LoadAgentJar");
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("LOADSTACK_JWT_SECRET", "load-agent-it-secret-at-least-32-bytes-long");
        environment.put("LOADSTACK_MFA_KEY", "test-mfa-key-that-is-long-enough-0123456789abcdef");
        environment.put("LOADSTACK_ADMIN_USERNAME", "admin");
        environment.put("LOADSTACK_ADMIN_PASSWORD", "agent-it-admin-password");
        // Short, so that a revocation and a freed name are seen quickly; the agent asks for a longer wait.
        environment.put("LOADSTACK_AGENTS_LONG_POLL_WAIT", "2s");
        environment.put("LOADSTACK_AGENTS_HEARTBEAT_TIMEOUT", "4s");
        api = ServiceProcess.start(API_JAR, environment);
        assertTrue(api.awaitHealthy(Duration.ofSeconds(90)), api.output());
        HttpCall.Response login = HttpCall.post(api.baseUrl() + "/auth",
                HttpCall.json(Map.of("username", "admin", "password", "agent-it-admin-password"))).send();
        assertEquals(200, login.status(), login.toString());
        admin = (String) login.json().get("access_token");
    }

    @AfterAll
    void stopTheApiService() {
        if (api != null) {
            api.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anAgentIsListedIdleUnderItsNameAndRegionAndExitsWith3OnceItsTokenIsRevoked() throws Exception {
        Map<String, Object> token = agentToken("revoked later");
        try (ServiceProcess agent = startAgent((String) token.get("token"), "agent-a", "eu-west")) {
            Map<String, Object> listed = awaitListed("agent-a", "eu-west", agent);
            assertEquals("IDLE", listed.get("status"), listed.toString());
            assertTrue(((String) listed.get("version")).matches("[A-Za-z0-9._-]+"), listed.toString());
            await(() -> agent.output().contains("Connected to Loadstack"), () -> "never said so:\n" + agent.output());

            HttpCall.Response revoked = HttpCall.delete(api.baseUrl() + "/api/agent-tokens/" + token.get("id"))
                    .bearer(admin).send();
            assertEquals(204, revoked.status(), revoked.toString());
            assertEquals(3, agent.awaitExit(BOUND), agent.output());
            assertTrue(agent.output().contains("Loadstack refused the agent token (HTTP 401"), agent.output());
        }
    }

    @Test
    void aSecondAgentUnderAHeldNameKeepsRetryingAndTakesTheNameOnceTheFirstIsGone() throws Exception {
        String token = (String) agentToken("two under one name").get("token");
        try (ServiceProcess first = startAgent(token, "shared-name", "eu")) {
            awaitListed("shared-name", "eu", first);
            try (ServiceProcess second = startAgent(token, "shared-name", "us")) {
                await(() -> second.output().contains("The agent name is taken, retrying until it is free: HTTP 409"),
                        () -> "the second agent never reported the taken name:\n" + second.output());
                assertTrue(second.isAlive(), second.output());

                first.close();
                Map<String, Object> listed = awaitListed("shared-name", "us", second);
                assertEquals("IDLE", listed.get("status"), listed.toString());
                await(() -> second.output().contains("Connected to Loadstack again after"),
                        () -> "never said so:\n" + second.output());
            }
        }
    }

    @Test
    void planFilesUploadedToLoadstackAreFetchedByTheirHashAndVerified(@TempDir Path data) throws Exception {
        byte[] rows = new byte[1024 * 1024 + 4096];
        new Random(13).nextBytes(rows);
        String boundary = "----load-agent-it-7c2e";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nagent files\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"generator\"\r\n\r\nlocust\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"main\"; filename=\"locustfile.py\"\r\n\r\n"
                + "from locust import HttpUser\n\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"rows.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(rows);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpCall.Response plan = HttpCall.method("POST", api.baseUrl() + "/api/plans", form.toByteArray())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).bearer(admin).send();
        assertEquals(201, plan.status(), plan.toString());
        @SuppressWarnings("unchecked")
        List<PlanFile> files = ((List<Map<String, Object>>) plan.json().get("files")).stream()
                .map(f -> new PlanFile((String) f.get("name"), (String) f.get("sha256"), ((Number) f.get("size")).longValue()))
                .toList();

        FileCache cache = new FileCache(HttpClient.newHttpClient(), api.baseUrl(), (String) agentToken("files").get("token"),
                data.resolve("cache"));
        PlanFiles fetched = PlanFiles.fetch(cache, data.resolve("work"), files);

        assertArrayEquals(rows, Files.readAllBytes(fetched.directory().resolve("rows.bin")));
        assertEquals("from locust import HttpUser\n", Files.readString(fetched.directory().resolve("locustfile.py")));
        fetched.delete();
        assertFalse(Files.exists(fetched.directory()));
    }

    @Test
    void withoutLoadstackUrlTheAgentExitsWith2NamingTheVariable() throws Exception {
        Map<String, String> environment = new HashMap<>(agentEnvironment("lsa_whatever", "agent-x", "local"));
        environment.put("LOADSTACK_URL", "");
        try (ServiceProcess agent = ServiceProcess.start(AGENT_JAR, environment)) {
            assertEquals(2, agent.awaitExit(BOUND), agent.output());
            assertTrue(agent.output().contains("Cannot start: LOADSTACK_URL is not set"), agent.output());
        }
    }

    private Map<String, Object> agentToken(String name) {
        HttpCall.Response created = HttpCall.post(api.baseUrl() + "/api/agent-tokens",
                HttpCall.json(Map.of("name", name))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return created.json();
    }

    private ServiceProcess startAgent(String token, String name, String region) {
        return ServiceProcess.start(AGENT_JAR, agentEnvironment(token, name, region));
    }

    private Map<String, String> agentEnvironment(String token, String name, String region) {
        return Map.of(
                "LOADSTACK_URL", api.baseUrl(),
                "LOADSTACK_AGENT_TOKEN", token,
                "LOADSTACK_AGENT_NAME", name,
                "LOADSTACK_AGENT_REGION", region);
    }

    /** Polls {@code GET /api/agents} until it lists {@code name} in {@code region}, within the bound. */
    private Map<String, Object> awaitListed(String name, String region, ServiceProcess agent) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        List<Map<String, Object>> agents = List.of();
        while (System.nanoTime() < deadline && agent.isAlive()) {
            HttpCall.Response response = HttpCall.get(api.baseUrl() + "/api/agents").bearer(admin).send();
            assertEquals(200, response.status(), response.toString());
            agents = response.jsonList();
            Optional<Map<String, Object>> match = agents.stream()
                    .filter(a -> name.equals(a.get("name")) && region.equals(a.get("region"))).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            Thread.sleep(200);
        }
        return fail(name + " in " + region + " never listed (alive: " + agent.isAlive() + "): " + agents
                + "\n" + agent.output());
    }

    private static void await(BooleanSupplier condition, Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(failure.get());
            }
            Thread.sleep(200);
        }
    }
}
