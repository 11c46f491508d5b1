package io.loadstack.agent.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loadstack.agent.clock.ServerClock;
import io.loadstack.agent.generator.jmeter.JmeterGenerator;
import io.loadstack.agent.generator.jmeter.JmeterSettings;
import io.loadstack.agent.plan.FileCache;
import io.loadstack.agent.plan.PlanFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A share of a JMeter plan from its assignment to its end, as the agent runs it: plan files fetched from a
 * stand-in for Loadstack (which also takes the reports), the packaged agent's JMeter driver with JMeter
 * 5.6.3's jars, a target and a stand-in for the consumer, all JDK HTTP servers in the test.
 */
class ShareJmeterIT {

    private static final Path AGENT_JAR = Path.of("target", "load-agent.jar");
    private static final Path JMETER_LIB = Path.of("target", "jmeter-lib");
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final AtomicLong targetRequests = new AtomicLong();
    private final AtomicLong statsRequests = new AtomicLong();
    private Shares shares;
    private ServerClock clock;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/agent/files/", exchange -> {
            byte[] content = files.get(exchange.getRequestURI().getPath().substring("/api/agent/files/".length()));
            respond(exchange, content == null ? 404 : 200, content == null ? "" : new String(content, StandardCharsets.UTF_8));
        });
        server.createContext("/api/agent/launches/", exchange -> {
            reports.add(JSON.readTree(exchange.getRequestBody()));
            respond(exchange, 200, "{\"launchStatus\":\"RUNNING\"}");
        });
        server.createContext("/apiv0.1/events/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (exchange.getRequestURI().getPath().endsWith("/stats")) {
                for (JsonNode endpoint : body.path("endpoints")) {
                    statsRequests.addAndGet(endpoint.path("requests").asLong());
                }
            }
            respond(exchange, 200, "{\"uuid\":\"run-21\"}");
        });
        server.createContext("/", exchange -> { // the target: every other path
            targetRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "ok");
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        HttpClient client = HttpClient.newHttpClient();
        FileCache cache = new FileCache(client, url, "lsa_it", data.resolve("cache"));
        clock = new ServerClock(Clock.systemUTC(), 4);
        JmeterSettings jmeter = new JmeterSettings(Path.of(System.getProperty("java.home"), "bin", "java"),
                AGENT_JAR.toAbsolutePath().toString(), JMETER_LIB.toAbsolutePath(), "256m",
                new io.loadstack.agent.config.TrustSettings(java.util.Optional.empty(), false));
        Logger log = Logger.getLogger("ShareJmeterIT");
        shares = new Shares(new ShareEnvironment("eu-1", "eu", url, data.resolve("work"), clock,
                new HttpReports(client, url, "lsa_it", "eu-1", JSON, log),
                (directory, planFiles) -> PlanFiles.fetchInto(cache, directory, planFiles),
                assignment -> new JmeterGenerator(jmeter, assignment), log,
                ShareEnvironment.REPORT_INTERVAL, ShareEnvironment.START_TOLERANCE, ShareEnvironment.FINAL_REPORT_RETRY,
                null), Thread::new);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aJmeterShareRunsFromItsAssignmentToFinishedAndLeavesNothingBehind() throws Exception {
        byte[] plan;
        try (InputStream in = getClass().getResourceAsStream("/jmeter/two-groups.jmx")) {
            plan = in.readAllBytes();
        }
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plan));
        files.put(sha256, plan);
        Path results = data.resolve("results.csv");
        shares.apply(List.of(new Command.Assign(21, "run-21", "checkout", "jmeter",
                new Command.FileRef("two-groups.jmx", sha256, plan.length), List.of(), 2, 0, 2, 2,
                "http://127.0.0.1:" + server.getAddress().getPort(),
                Map.of("results", results.toString()), "lst_launch", Map.of())));

        await(() -> has("READY") || has("FAILED"), "READY");
        assertEquals("JMeter 5.6.3: 2 thread groups, 2 users, 2 s", last("READY").path("message").asText(), reports.toString());
        assertEquals(0, targetRequests.get());
        assertTrue(Files.isDirectory(data.resolve("work").resolve("launch-21")));

        Instant startAt = clock.serverNow().plusSeconds(1);
        shares.apply(List.of(new Command.Start(21, startAt)));
        await(() -> has("FINISHED") || has("FAILED"), "FINISHED");

        JsonNode finished = last("FINISHED");
        assertEquals(Files.readAllLines(results).size() - 1, finished.path("requests").asLong(), "JMeter's own count");
        assertEquals(targetRequests.get(), finished.path("requests").asLong());
        assertEquals(targetRequests.get(), statsRequests.get(), "every request posted to the run");
        assertFalse(Instant.parse(last("RUNNING").path("firstRequestAt").asText()).isBefore(startAt));
        await(() -> shares.held().isEmpty(), "the share is dropped");
        assertFalse(Files.exists(data.resolve("work").resolve("launch-21")), "the work directory is deleted");
    }

    private boolean has(String status) {
        return reports.stream().anyMatch(report -> report.path("status").asText().equals(status));
    }

    private JsonNode last(String status) {
        JsonNode last = null;
        for (JsonNode report : reports) {
            if (report.path("status").asText().equals(status)) {
                last = report;
            }
        }
        if (last == null) {
            fail("no " + status + " report among " + reports);
        }
        return last;
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + BOUND.toSeconds() + " s: " + what + "; reports: " + reports);
            }
            Thread.sleep(50);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }
}
