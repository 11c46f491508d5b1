package io.loadstack.agent.generator.locust;

import com.sun.net.httpserver.HttpServer;
import io.loadstack.agent.generator.Assignment;
import io.loadstack.agent.generator.GeneratorFailedException;
import io.loadstack.agent.generator.GeneratorOutput;
import io.loadstack.agent.generator.GeneratorResult;
import io.loadstack.agent.plan.PlanFile;
import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Locust (Debian's python3-locust, or what {@value LocustGenerator#COMMAND} names) runs shares against a
 * local HTTP server and reports to the packaged consumer-service (build it first: {@code mvn -pl
 * consumer-service -am package}). Skipped where Locust is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocustGeneratorIT {

    private static final Path CONSUMER_JAR = Path.of("..", "consumer-service", "target", "consumer-service.jar");
    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    private static final Pattern AGGREGATED = Pattern.compile("^\\s+Aggregated\\s+(\\d+)\\s+(\\d+)\\(");

    /** The page comes from a launch property: the properties must reach the locustfile as environment variables. */
    private static final String LOCUSTFILE = """
            import os

            from locust import HttpUser, constant, task


            class Visitor(HttpUser):
                wait_time = constant(0.05)

                @task(3)
                def home(self):
                    self.client.get(os.environ["PAGE"])

                @task(1)
                def missing(self):
                    self.client.get("/missing")
            """;

    private TestDatabase database;
    private ServiceProcess consumer;
    private HttpServer target;
    private String token;
    private final AtomicLong targetRequests = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);

    @BeforeAll
    void start() throws Exception {
        assumeTrue(locustAvailable(), "Locust is not installed (apt-get install -y python3-locust)");
        database = TestDatabase.fresh("LocustGeneratorIT");
        database.migrate("filesystem:../api-service/src/main/resources/db/api", "flyway_history_api");
        token = userWithToken("launcher");
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("LOADSTACK_JWT_SECRET", SECRET);
        environment.put("LOADSTACK_JOURNAL_DIR", Files.createTempDirectory("journal-locust-generator").toString());
        environment.put("LOADSTACK_FLUSH_INTERVAL", "1s");
        consumer = ServiceProcess.start(CONSUMER_JAR, environment);
        assertTrue(consumer.awaitHealthy(Duration.ofSeconds(90)), consumer.output());

        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            firstArrival.accumulateAndGet(System.currentTimeMillis(), Math::min);
            targetRequests.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.stop(0);
        }
        if (consumer != null) {
            consumer.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void readyBeforeAnyRequestThenStartsAtTheInstantAndCountsAsLocustDoes() throws Exception {
        String run = UUID.randomUUID().toString();
        Recorded output = new Recorded();
        try (LocustGenerator generator = generator(run, "agent-eu-1", workWith(LOCUSTFILE), 4)) {
            long before = targetRequests.get();
            String description = generator.prepare(output);
            assertTrue(description.contains("Locust") && description.contains("Visitor") && description.contains("3 users"), description);
            assertEquals(before, targetRequests.get(), "no request before READY");
            firstArrival.set(Long.MAX_VALUE);

            long startAt = System.currentTimeMillis() + 1500;
            generator.startAt(startAt);
            GeneratorResult result = generator.awaitEnd();

            assertTrue(firstArrival.get() >= startAt, "the first request reached the target "
                    + (startAt - firstArrival.get()) + " ms before the start instant");
            assertTrue(output.first >= startAt, "LOADSTACK FIRST " + output.first + " before the start " + startAt);
            long[] summary = locustSummary(output);
            assertTrue(summary[0] > 0, "Locust sent requests:\n" + output.text());
            assertEquals(summary[0], result.requests(), "requests, Locust's summary against the generator's");
            assertEquals(summary[1], result.failures(), "failures (the 404s)");
            assertTrue(result.failures() > 0, "the 404s are failures");
            // Each of the 3 users may have one request cut short by the end of the duration: counted by Locust
            // (a failure) without reaching the target, or reaching it without being counted.
            long reached = targetRequests.get() - before;
            assertTrue(Math.abs(reached - result.requests()) <= 3, "the requests reached the target, the PAGE property too: "
                    + reached + " reached, Locust counted " + result.requests());
            assertEquals(result.requests(), output.requests, "the last COUNTS are the final ones");

            awaitRunRequests(run, result.requests());
            assertEquals("RUNNING", database.row("SELECT status FROM runs WHERE uuid = ?", run).get("status"),
                    "an agent never commits a launch's run");
            assertEquals(result.failures(), number("SELECT failures FROM runs WHERE uuid = ?", run));
        }
    }

    @Test
    void twoGeneratorsJoinedIntoOneRunAddUp() throws Exception {
        String run = UUID.randomUUID().toString();
        Recorded first = new Recorded();
        Recorded second = new Recorded();
        try (LocustGenerator one = generator(run, "agent-eu-1", workWith(LOCUSTFILE), 3);
             LocustGenerator two = generator(run, "agent-us-1", workWith(LOCUSTFILE), 3)) {
            one.prepare(first);
            two.prepare(second);
            long startAt = System.currentTimeMillis() + 1000;
            one.startAt(startAt);
            two.startAt(startAt);
            GeneratorResult a = one.awaitEnd();
            GeneratorResult b = two.awaitEnd();
            assertTrue(a.requests() > 0 && b.requests() > 0, first.text() + second.text());

            awaitRunRequests(run, a.requests() + b.requests());
            assertEquals(1L, number("SELECT COUNT(*) FROM runs WHERE uuid = ?", run), "one run");
            assertEquals(a.failures() + b.failures(), number("SELECT failures FROM runs WHERE uuid = ?", run));
            assertEquals(2L, number("SELECT COUNT(*) FROM run_sources WHERE run_uuid = ?", run), "each agent posts as its own source");
        }
    }

    @Test
    void aLocustfileThatDoesNotImportFailsWithPythonsMessage() throws Exception {
        Path work = workWith("from locust import HttpUser\n\ndef broken(:\n    pass\n");
        try (LocustGenerator generator = generator(UUID.randomUUID().toString(), "agent-eu-1", work, 4)) {
            GeneratorFailedException failed = assertThrows(GeneratorFailedException.class, () -> generator.prepare(new Recorded()));
            assertTrue(failed.getMessage().startsWith("locustfile.py line 3: SyntaxError"), failed.getMessage());
        }
        Path missingModule = workWith("import os\nimport no_such_module\n");
        try (LocustGenerator generator = generator(UUID.randomUUID().toString(), "agent-eu-1", missingModule, 4)) {
            GeneratorFailedException failed = assertThrows(GeneratorFailedException.class, () -> generator.prepare(new Recorded()));
            assertEquals("locustfile.py line 2: ModuleNotFoundError: No module named 'no_such_module'", failed.getMessage());
        }
    }

    @Test
    void stopEndsLocustGracefullyWithItsLastCountsAndTheProcessIsGone() throws Exception {
        String run = UUID.randomUUID().toString();
        Recorded output = new Recorded();
        try (LocustGenerator generator = generator(run, "agent-eu-1", workWith(LOCUSTFILE), 600)) {
            generator.prepare(output);
            generator.startAt(System.currentTimeMillis());
            await(() -> output.requests > 0, Duration.ofSeconds(30), "counts while it runs:\n" + output.text());
            long pid = generator.pid();
            generator.stop(Duration.ofSeconds(10));
            GeneratorResult result = generator.awaitEnd();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "Locust's process is gone");
            long[] summary = locustSummary(output);
            assertEquals(summary[0], result.requests(), "SIGTERM is Locust's graceful stop: its summary and the last counts agree");
            awaitRunRequests(run, result.requests());
        }
    }

    @Test
    void stopBeforeTheStartLeavesNothingRunning() throws Exception {
        try (LocustGenerator generator = generator(UUID.randomUUID().toString(), "agent-eu-1", workWith(LOCUSTFILE), 600)) {
            generator.prepare(new Recorded());
            long pid = generator.pid();
            generator.stop(Duration.ofSeconds(5));
            assertEquals(0, generator.awaitEnd().requests());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "Locust's process is gone");
        }
    }

    // -- helpers ---------------------------------------------------------------------------------------

    private LocustGenerator generator(String run, String agent, Path work, int durationSeconds) {
        PlanFile main = new PlanFile("locustfile.py", "0".repeat(64), 1);
        Assignment assignment = new Assignment(7, run, "launch 7", "locust", main, List.of(), 3, 1, 3.0, durationSeconds,
                "http://127.0.0.1:" + target.getAddress().getPort(), Map.of("PAGE", "/"), Map.of(), agent, "eu",
                consumer.baseUrl(), token, work);
        return LocustGenerator.of(assignment, System.getenv(),
                new io.loadstack.agent.config.TrustSettings(java.util.Optional.empty(), false));
    }

    private static Path workWith(String locustfile) throws IOException {
        Path work = Files.createTempDirectory("launch-7-");
        Files.writeString(work.resolve("locustfile.py"), locustfile);
        return work;
    }

    /** The Aggregated requests and failures of Locust's final summary, as it printed it. */
    private static long[] locustSummary(Recorded output) {
        long[] found = null;
        for (String line : output.lines()) {
            Matcher m = AGGREGATED.matcher(line);
            if (m.find()) {
                found = new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
                break; // the first table is the counts one; the percentiles table follows
            }
        }
        assertNotNull(found, "no final summary in Locust's output:\n" + output.text());
        return found;
    }

    private void awaitRunRequests(String run, long expected) throws InterruptedException {
        await(() -> Optional.ofNullable(database.row("SELECT requests FROM runs WHERE uuid = ?", run))
                        .map(row -> ((Number) row.get("requests")).longValue()).orElse(-1L) == expected,
                Duration.ofSeconds(30), "the run " + run + " holds " + expected + " requests; consumer:\n" + consumer.output());
    }

    private long number(String sql, Object... parameters) {
        return ((Number) database.row(sql, parameters).values().iterator().next()).longValue();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static boolean locustAvailable() {
        String command = System.getenv().getOrDefault(LocustGenerator.COMMAND, LocustGenerator.DEFAULT_COMMAND);
        List<String> line = new ArrayList<>(List.of(command.trim().split("\\s+")));
        line.add("--version");
        try {
            Process check = new ProcessBuilder(line).redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String userWithToken(String username) {
        String ingestToken = IngestTokenHash.newToken();
        database.userWithIngestToken(username, IngestTokenHash.hash(ingestToken), IngestTokenHash.displayPrefix(ingestToken));
        return ingestToken;
    }

    /** What the generator told the agent. */
    private static final class Recorded implements GeneratorOutput {
        private final List<String> lines = new ArrayList<>();
        volatile long first = -1;
        volatile long requests = -1;

        @Override
        public synchronized void logLine(String line) {
            lines.add(line);
        }

        @Override
        public void firstRequest(long localEpochMillis) {
            first = localEpochMillis;
        }

        @Override
        public void counts(long requests, long failures) {
            this.requests = requests;
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        String text() {
            return String.join("\n", lines());
        }
    }
}
