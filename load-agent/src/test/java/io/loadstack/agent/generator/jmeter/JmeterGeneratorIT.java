package io.loadstack.agent.generator.jmeter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loadstack.agent.generator.Assignment;
import io.loadstack.agent.generator.GeneratorFailedException;
import io.loadstack.agent.generator.GeneratorOutput;
import io.loadstack.agent.generator.GeneratorResult;
import io.loadstack.agent.plan.PlanFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent's JMeter driver, run as the agent runs it (the agent's jar plus JMeter 5.6.3's jars from
 * Maven Central in target/jmeter-lib), against a target and a stand-in for the consumer, both JDK HTTP
 * servers inside the test. The stand-in records what the consumer would be sent: the consumer joining
 * a run by its uuid is built on another branch.
 */
class JmeterGeneratorIT {

    private static final Path AGENT_JAR = Path.of("target", "load-agent.jar");
    private static final Path JMETER_LIB = Path.of("target", "jmeter-lib");
    private static final String RUN_UUID = "7d4b0c1e-0d0e-4f43-9a35-3f1f0b6c2a11";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private HttpServer target;
    private HttpServer consumer;
    private final AtomicLong targetRequests = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private final List<JsonNode> registered = new CopyOnWriteArrayList<>();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() throws IOException {
        assertTrue(Files.exists(AGENT_JAR), "package the agent first: " + AGENT_JAR.toAbsolutePath());
        assertTrue(Files.isDirectory(JMETER_LIB), "JMeter's jars are copied by the build: " + JMETER_LIB.toAbsolutePath());
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            firstArrival.accumulateAndGet(System.currentTimeMillis(), Math::min);
            long n = targetRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            boolean fail = exchange.getRequestURI().getPath().equals("/checkout") && n % 3 == 0;
            respond(exchange, fail ? 500 : 200, fail ? "no" : "ok");
        });
        target.start();
        consumer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        consumer.createContext("/apiv0.1/events/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (exchange.getRequestURI().getPath().endsWith("/register")) {
                registered.add(body);
                respond(exchange, 200, "{\"uuid\":\"" + body.path("uuid").asText() + "\"}");
            } else {
                posted.add(body);
                respond(exchange, 200, "{\"counted\":true}");
            }
        });
        consumer.start();
    }

    @AfterEach
    void stopServers() {
        target.stop(0);
        consumer.stop(0);
    }

    @Test
    void runsTheShareFromTheStartInstantAndCountsWhatJmeterItselfRecorded() throws Exception {
        Path results = work.resolve("results.csv");
        Recorded output = new Recorded();
        try (JmeterGenerator generator = generator("two-groups.jmx", 4, 3, Map.of("results", results.toString(),
                "sampleresult.timestamp.start", "true"))) {
            String description = generator.prepare(output);
            assertEquals(0, targetRequests.get(), "READY before any request");
            assertTrue(description.contains("2 thread groups") && description.contains("4 users"), description);
            assertEquals(1, registered.size());
            assertEquals(RUN_UUID, registered.get(0).path("uuid").asText());
            assertEquals("jmeter", registered.get(0).path("measurement").path("tags").path("generator").asText());

            long startAt = System.currentTimeMillis() + 1500;
            generator.startAt(startAt);
            GeneratorResult result = generator.awaitEnd();

            List<String[]> samples = csv(results);
            assertTrue(samples.size() > 10, "JMeter recorded " + samples.size() + " samples");
            long failed = samples.stream().filter(sample -> sample[7].equals("false")).count();
            assertTrue(failed > 0, "every third checkout fails");
            assertEquals(new GeneratorResult(samples.size(), failed), result);
            assertEquals(samples.size(), targetRequests.get(), "one sample a request");
            assertTrue(firstArrival.get() >= startAt, "first request " + (startAt - firstArrival.get()) + " ms early");
            long firstStart = samples.stream().mapToLong(sample -> Long.parseLong(sample[0])).min().orElseThrow();
            assertTrue(firstStart >= startAt);
            assertTrue(output.first.get() >= startAt && output.first.get() <= firstStart,
                    "LOADSTACK FIRST when the first sampler started: " + output.first.get() + ", start " + startAt
                            + ", first sample " + firstStart);
            assertEquals(samples.size() + " " + failed, output.lastCounts());
            assertTrue(output.log.stream().noneMatch(line -> line.contains(" ERROR ")),
                    "JMeter's own log (shipped as the share's lines) has no error: " + output.log);
            List<String> threads = samples.stream().map(sample -> sample[5]).distinct().sorted().toList();
            assertEquals(List.of("Browsers 1-1", "Browsers 1-2", "Buyers 2-1", "Buyers 2-2"), threads,
                    "4 users split over the 2 thread groups");

            // what the consumer was sent: deltas adding up to JMeter's own counts, per label and method
            Map<String, long[]> endpoints = new HashMap<>();
            long timed = 0;
            long errors500 = 0;
            for (JsonNode post : posted) {
                assertEquals("eu-1", post.path("source").asText());
                for (JsonNode endpoint : post.path("endpoints")) {
                    long[] counts = endpoints.computeIfAbsent(endpoint.path("method").asText() + " "
                            + endpoint.path("name").asText(), key -> new long[2]);
                    counts[0] += endpoint.path("requests").asLong();
                    counts[1] += endpoint.path("failures").asLong();
                    for (JsonNode count : endpoint.path("responseTimes")) {
                        timed += count.asLong();
                    }
                    errors500 += endpoint.path("errors").path("500 Internal Server Error").asLong();
                }
            }
            assertEquals(Long.valueOf(samples.size()), Long.valueOf(timed), "one response time a request");
            assertEquals(failed, errors500);
            assertEquals(Map.of("GET home", count(samples, "home", false), "POST checkout", count(samples, "checkout", false)),
                    Map.of("GET home", endpoints.get("GET home")[0], "POST checkout", endpoints.get("POST checkout")[0]));
            assertEquals(failed, endpoints.get("POST checkout")[1]);
            List<Long> seqs = posted.stream().map(post -> post.path("seq").asLong()).toList();
            assertEquals(seqs.stream().distinct().count(), seqs.size(), "each post its own seq: " + seqs);
            assertTrue(authorizations.stream().allMatch("Token lst_launch-token"::equals), authorizations.toString());
        }
    }

    @Test
    void aMalformedPlanFailsWithJmetersOwnParseError() throws Exception {
        Files.writeString(work.resolve("broken.jmx"), "<?xml version=\"1.0\"?>\n<jmeterTestPlan version=\"1.2\">\n"
                + "  <hashTree>\n    <TestPlan guiclass=\"TestPlanGui\" testclass=\"TestPlan\" testname=\"unclosed\">\n"
                + "  </hashTree>\n</jmeterTestPlan>\n");
        try (JmeterGenerator generator = generator("broken.jmx", 1, 1, Map.of())) {
            GeneratorFailedException failure = assertThrows(GeneratorFailedException.class,
                    () -> generator.prepare(new Recorded()));
            assertTrue(failure.getMessage().startsWith("cannot load broken.jmx: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("end tag name </hashTree> must be the same as start tag <TestPlan> from line 4"),
                    "the XML parser's own words, through JMeter: " + failure.getMessage());
            assertFalse(failure.getMessage().contains(work.toString()), "the plan's name, not the agent's path");
        }
        assertEquals(0, targetRequests.get());
    }

    @Test
    void stopEndsTheProcessWithinTheGrace() throws Exception {
        Recorded output = new Recorded();
        try (JmeterGenerator generator = generator("two-groups.jmx", 2, 60,
                Map.of("results", work.resolve("results.csv").toString()))) {
            generator.prepare(output);
            generator.startAt(System.currentTimeMillis());
            long deadline = System.currentTimeMillis() + 30_000;
            while (output.first.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(output.first.get() > 0, "JMeter sent its first request");
            long stopped = System.nanoTime();
            generator.stop(Duration.ofSeconds(5));
            GeneratorResult result = generator.awaitEnd();
            assertTrue(Duration.ofNanos(System.nanoTime() - stopped).compareTo(Duration.ofSeconds(8)) < 0,
                    "ended within the grace (and the time to post its last stats)");
            assertTrue(result.requests() > 0);
            assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .map(handle -> handle.info().commandLine().orElse("?")).toList());
        }
    }

    private JmeterGenerator generator(String main, int users, int durationSeconds, Map<String, String> properties)
            throws IOException {
        Path plan = work.resolve(main);
        if (!Files.exists(plan)) {
            try (InputStream in = getClass().getResourceAsStream("/jmeter/" + main)) {
                Files.copy(in, plan);
            }
        }
        PlanFile mainFile = new PlanFile(main, "0".repeat(64), Files.size(plan));
        Assignment assignment = new Assignment(7, RUN_UUID, "checkout smoke", "jmeter", mainFile, List.of(), users,
                1, users, durationSeconds, "http://127.0.0.1:" + target.getAddress().getPort(), properties,
                Map.of("team", "shop"), "eu-1", "eu", "http://127.0.0.1:" + consumer.getAddress().getPort(),
                "lst_launch-token", work);
        return new JmeterGenerator(new JmeterSettings(Path.of(System.getProperty("java.home"), "bin", "java"),
                AGENT_JAR.toAbsolutePath().toString(), JMETER_LIB.toAbsolutePath(), "256m",
                new io.loadstack.agent.config.TrustSettings(java.util.Optional.empty(), false)), assignment);
    }

    /** JMeter's CSV without its header: timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,... */
    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("timeStamp,elapsed,label,responseCode"), lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    private static long count(List<String[]> samples, String label, boolean onlyFailed) {
        return samples.stream().filter(sample -> sample[2].equals(label) && (!onlyFailed || sample[7].equals("false"))).count();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static final class Recorded implements GeneratorOutput {
        final AtomicLong first = new AtomicLong();
        final List<String> counts = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void logLine(String line) {
            log.add(line);
        }

        @Override
        public void firstRequest(long localEpochMillis) {
            first.set(localEpochMillis);
        }

        @Override
        public void counts(long requests, long failures) {
            counts.add(requests + " " + failures);
        }

        String lastCounts() {
            assertNotNull(counts.isEmpty() ? null : counts, "no COUNTS line");
            return counts.get(counts.size() - 1);
        }
    }
}
