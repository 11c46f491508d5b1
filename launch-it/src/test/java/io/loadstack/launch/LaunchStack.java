package io.loadstack.launch;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.MultipartForm;
import io.loadstack.testsupport.NginxFrontDoor;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Loadstack as compose runs it, on loopback: two api-service replicas and the consumer-service (packaged jars,
 * child processes) on a fresh schema, Debian's nginx with the shipped configuration in front, and load agents
 * that reach nginx over HTTPS, each through a proxy a test can cut. Users' calls go straight to a replica.
 */
final class LaunchStack implements AutoCloseable {

    private static final Path API_JAR = Path.of("..", "api-service", "target", "api-service.jar");
    private static final Path CONSUMER_JAR = Path.of("..", "consumer-service", "target", "consumer-service.jar");
    private static final String SECRET = "launch-it-secret-that-is-long-enough-for-hs256-0123";
    private static final String ADMIN_PASSWORD = "Launch-IT-admin-Passw0rd";
    /** Bounds for what should happen within seconds; a failure waits this long, a pass does not. */
    static final Duration BOUND = Duration.ofSeconds(90);

    private final TestDatabase database;
    private final ServiceProcess[] api;
    private final ServiceProcess consumer;
    private final NginxFrontDoor nginx;
    private final String admin;
    private final String agentToken;
    private final Map<String, String> agentSettings;
    private final List<LoadAgentProcess> agents = new ArrayList<>();

    private LaunchStack(TestDatabase database, ServiceProcess[] api, ServiceProcess consumer, NginxFrontDoor nginx,
                        String admin, String agentToken, Map<String, String> agentSettings) {
        this.database = database;
        this.api = api;
        this.consumer = consumer;
        this.nginx = nginx;
        this.admin = admin;
        this.agentToken = agentToken;
        this.agentSettings = agentSettings;
    }

    /**
     * @param apiSettings   environment for both replicas beyond the basics (short timeouts for a test)
     * @param agentSettings environment for every agent beyond its URL, token, name and region
     */
    static LaunchStack start(String testName, Map<String, String> apiSettings, Map<String, String> agentSettings)
            throws IOException, InterruptedException {
        TestDatabase database = TestDatabase.fresh(testName);
        List<AutoCloseable> started = new ArrayList<>();
        started.add(database);
        try {
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", SECRET);
            environment.put("LOADSTACK_MFA_KEY", "test-mfa-key-that-is-long-enough-0123456789abcdef");
            environment.put("LOADSTACK_ADMIN_USERNAME", "admin");
            environment.put("LOADSTACK_ADMIN_PASSWORD", ADMIN_PASSWORD);
            environment.put("LOADSTACK_JOURNAL_DIR", Files.createTempDirectory("launch-it-journal").toString());
            environment.put("LOADSTACK_FLUSH_INTERVAL", "1s");
            ServiceProcess consumer = ServiceProcess.start(CONSUMER_JAR, environment);
            started.add(consumer);
            Map<String, String> apiEnvironment = new HashMap<>(environment);
            apiEnvironment.put("LOADSTACK_CONSUMER_URL", consumer.baseUrl());
            apiEnvironment.putAll(apiSettings);
            ServiceProcess api1 = ServiceProcess.start(API_JAR, apiEnvironment);
            started.add(api1);
            ServiceProcess api2 = ServiceProcess.start(API_JAR, apiEnvironment);
            started.add(api2);
            for (ServiceProcess service : List.of(consumer, api1, api2)) {
                if (!service.awaitHealthy(BOUND)) {
                    throw new IllegalStateException("a service did not become healthy:\n" + service.output());
                }
            }
            NginxFrontDoor nginx = NginxFrontDoor.start(api1.port(), api2.port(), consumer.port());
            started.add(nginx);
            HttpCall.Response login = HttpCall.post(api1.baseUrl() + "/auth",
                    HttpCall.json(Map.of("username", "admin", "password", ADMIN_PASSWORD))).send();
            expect(200, login, "sign in");
            String admin = (String) login.json().get("access_token");
            HttpCall.Response token = HttpCall.post(api1.baseUrl() + "/api/agent-tokens",
                    HttpCall.json(Map.of("name", testName + " agents"))).bearer(admin).send();
            expect(201, token, "agent token");
            return new LaunchStack(database, new ServiceProcess[]{api1, api2}, consumer, nginx, admin,
                    (String) token.json().get("token"), agentSettings);
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                closeQuietly(started.get(i));
            }
            throw e;
        }
    }

    /** Starts an agent and waits until Loadstack lists it as online. */
    LoadAgentProcess agent(String name, String region) throws IOException, InterruptedException {
        LoadAgentProcess agent = LoadAgentProcess.start(name, region, nginxPort(), nginx.certificate(), agentToken,
                agentSettings);
        agents.add(agent);
        await("agent " + name + " online", () -> {
            if (!agent.isAlive()) {
                throw new AssertionError("agent " + name + " exited:\n" + agent.output());
            }
            return get("/api/agents").jsonList().stream()
                    .anyMatch(a -> name.equals(a.get("name")) && !"OFFLINE".equals(a.get("status")));
        });
        return agent;
    }

    private int nginxPort() {
        return Integer.parseInt(nginx.baseUrl().substring(nginx.baseUrl().lastIndexOf(':') + 1));
    }

    /** Uploads a plan (the main file and data files from this module's test resources) and returns its id. */
    long plan(String name, String generator, String mainFile, String... dataFiles) throws IOException {
        MultipartForm form = new MultipartForm().text("name", name).text("generator", generator)
                .file("main", mainFile, resource(mainFile));
        for (String file : dataFiles) {
            form.file("files", file, resource(file));
        }
        HttpCall.Response created = form.post(apiUrl() + "/api/plans").bearer(admin).send();
        expect(201, created, "plan upload");
        return ((Number) created.json().get("id")).longValue();
    }

    private static byte[] resource(String file) throws IOException {
        try (var in = LaunchStack.class.getResourceAsStream("/plans/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource plans/" + file);
            }
            return in.readAllBytes();
        }
    }

    /** POST /api/launches; returns the answer (201 with id and runUuid, or a refusal). */
    HttpCall.Response launch(Map<String, Object> request) {
        return HttpCall.post(apiUrl() + "/api/launches", HttpCall.json(request)).bearer(admin).send();
    }

    long launched(Map<String, Object> request) {
        HttpCall.Response created = launch(request);
        expect(201, created, "launch");
        return ((Number) created.json().get("id")).longValue();
    }

    Map<String, Object> launchState(long id) {
        HttpCall.Response launch = get("/api/launches/" + id);
        expect(200, launch, "launch " + id);
        return launch.json();
    }

    HttpCall.Response stop(long id) {
        return HttpCall.post(apiUrl() + "/api/launches/" + id + "/stop", "{}").bearer(admin).send();
    }

    /** Waits until the launch matches, failing with its last state (and the agents' output) otherwise. */
    Map<String, Object> awaitLaunch(long id, String what, Predicate<Map<String, Object>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            last = launchState(id);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("launch " + id + ": waited " + BOUND.toSeconds() + " s for " + what + "; it is " + last
                + "\n" + logs());
    }

    static Predicate<Map<String, Object>> status(String status) {
        return launch -> status.equals(launch.get("status"));
    }

    static boolean ended(Map<String, Object> launch) {
        return List.of("COMPLETED", "STOPPED", "FAILED").contains(launch.get("status"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> agentsOf(Map<String, Object> launch) {
        return (List<Map<String, Object>>) launch.get("agents");
    }

    /** The run as the runs API shows it, once the writer has stored it COMPLETED. */
    Map<String, Object> awaitCommittedRun(String uuid) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        HttpCall.Response run = null;
        while (System.nanoTime() < deadline) {
            run = get("/api/runs/" + uuid);
            if (run.status() == 200 && "COMPLETED".equals(run.json().get("status"))) {
                return run.json();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + uuid + " was not committed: " + run + "\n" + logs());
    }

    HttpCall.Response get(String path) {
        return HttpCall.get(apiUrl() + path).bearer(admin).send();
    }

    void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + BOUND.toSeconds() + " s for " + what + "\n" + logs());
    }

    /** The first replica still alive: users' calls go there, as nginx would send them. */
    String apiUrl() {
        for (ServiceProcess replica : api) {
            if (replica.isAlive()) {
                return replica.baseUrl();
            }
        }
        throw new IllegalStateException("no api-service replica is alive");
    }

    ServiceProcess replica(int index) {
        return api[index];
    }

    String logs() {
        StringBuilder text = new StringBuilder();
        for (LoadAgentProcess agent : agents) {
            text.append("--- agent ").append(agent.name()).append(":\n").append(tail(agent.output()));
        }
        for (int i = 0; i < api.length; i++) {
            text.append("--- api-service ").append(i + 1).append(":\n").append(tail(api[i].output()));
        }
        text.append("--- consumer-service:\n").append(tail(consumer.output()));
        return text.toString();
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : "…" + output.substring(output.length() - 6000);
    }

    static void expect(int status, HttpCall.Response response, String what) {
        if (response.status() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + response);
        }
    }

    @Override
    public void close() {
        agents.forEach(LaunchStack::closeQuietly);
        closeQuietly(nginx);
        for (ServiceProcess replica : api) {
            closeQuietly(replica);
        }
        closeQuietly(consumer);
        closeQuietly(database);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing everything anyway
        }
    }
}
