package io.loadstack.agent.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loadstack.agent.clock.ClockSample;
import io.loadstack.agent.clock.ServerClock;
import io.loadstack.agent.generator.Assignment;
import io.loadstack.agent.generator.Generator;
import io.loadstack.agent.generator.GeneratorFailedException;
import io.loadstack.agent.generator.GeneratorOutput;
import io.loadstack.agent.generator.GeneratorResult;
import io.loadstack.agent.lease.Lease;
import io.loadstack.agent.plan.FileCache;
import io.loadstack.agent.plan.PlanFiles;
import io.loadstack.support.targets.TargetList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A share's states against a local HTTP server that plays Loadstack (plan files, reports), with a generator
 * whose behaviour each test sets: the share's reports, its start on the server's clock, its stops and its
 * clean-up. The JMeter generator's own process is tested in JmeterGeneratorIT.
 */
class ShareTest {

    private static final String TOKEN = "lsa_share-test";
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's clock runs 5 s ahead of the agent's. */
    private static final long OFFSET_MILLIS = 5_000;

    @TempDir
    Path data;

    private HttpServer loadstack;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final AtomicInteger reportStatus = new AtomicInteger(200);
    private ServerClock clock;
    private Shares shares;
    private final AtomicLong leaseNanos = new AtomicLong();
    private TestGenerator generator;
    /** The environment of an agent with this LOADSTACK_AGENT_ALLOWED_TARGETS (null: unset). */
    private java.util.function.Function<TargetList, ShareEnvironment> environment;

    @BeforeEach
    void start() throws IOException {
        loadstack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        loadstack.createContext("/api/agent/files/", exchange -> {
            byte[] content = files.get(exchange.getRequestURI().getPath().substring("/api/agent/files/".length()));
            respond(exchange, content == null ? 404 : 200, content == null ? new byte[0] : content);
        });
        loadstack.createContext("/api/agent/launches/", exchange -> {
            JsonNode report = JSON.readTree(exchange.getRequestBody());
            reports.add(report);
            respond(exchange, reportStatus.get(), "{\"launchStatus\":\"RUNNING\"}".getBytes(StandardCharsets.UTF_8));
        });
        loadstack.start();
        String url = "http://127.0.0.1:" + loadstack.getAddress().getPort();
        HttpClient client = HttpClient.newHttpClient();
        clock = new ServerClock(Clock.systemUTC(), 4);
        Instant now = Instant.now();
        clock.record(new ClockSample(now, now.plusMillis(OFFSET_MILLIS), now.plusMillis(OFFSET_MILLIS), now));
        FileCache cache = new FileCache(client, url, TOKEN, data.resolve("cache"));
        Logger log = Logger.getLogger("ShareTest");
        generator = new TestGenerator();
        environment = allowedTargets -> new ShareEnvironment("eu-1", "eu", url, data.resolve("work"), clock,
                new HttpReports(client, url, TOKEN, "eu-1", JSON, log),
                (directory, planFiles) -> PlanFiles.fetchInto(cache, directory, planFiles),
                assignment -> generator.assigned(assignment), log,
                Duration.ofMillis(200), ShareEnvironment.START_TOLERANCE, Duration.ofSeconds(2), allowedTargets);
        shares = new Shares(environment.apply(null), Thread::new);
    }

    @AfterEach
    void stop() {
        loadstack.stop(0);
    }

    @Test
    void aShareGoesFromPreparingToFinishedStartingAtTheServersInstantAndLeavesNothingBehind() throws Exception {
        shares.apply(List.of(assign(7, "plan.jmx", "<jmeterTestPlan/>")));
        awaitReport(7, "READY");
        assertEquals("PREPARING", statuses().get(0));
        assertEquals("tiny: 3 users", lastReport("READY").path("message").asText());
        assertEquals("<jmeterTestPlan/>", Files.readString(generator.assignment.workDirectory().resolve("plan.jmx")));
        assertEquals(data.resolve("work").resolve("launch-7"), generator.assignment.workDirectory());
        assertEquals(List.of(new HeldLaunch(7, "READY", null, false)), shares.held());

        Instant startAt = clock.serverNow().plusMillis(500);
        shares.apply(List.of(new Command.Start(7, startAt)));
        assertEquals(new HeldLaunch(7, "READY", startAt, false), shares.held().get(0));
        awaitReport(7, "FINISHED");

        long expected = startAt.minusMillis(OFFSET_MILLIS).toEpochMilli();
        assertTrue(generator.startedAt.get() - expected <= 1 && generator.startedAt.get() - expected >= 0,
                "the server's instant on the agent's clock, to the millisecond: " + generator.startedAt.get() + " for " + expected);
        JsonNode running = lastReport("RUNNING");
        Instant firstRequestAt = Instant.parse(running.path("firstRequestAt").asText());
        assertFalse(firstRequestAt.isBefore(startAt), "firstRequestAt is in server time: " + firstRequestAt + ", start " + startAt);
        JsonNode finished = lastReport("FINISHED");
        assertEquals(30, finished.path("requests").asLong());
        assertEquals(3, finished.path("failures").asLong());
        assertEquals("eu-1", finished.path("name").asText());
        List<String> log = reports.stream().flatMap(report -> JSON.convertValue(report.path("log"), List.class).stream())
                .map(Object::toString).toList();
        assertTrue(log.contains("tiny: loaded the plan"), log.toString());
        await(() -> shares.held().isEmpty(), "the share is dropped");
        assertTrue(generator.closed.getCount() == 0, "the generator is closed");
        assertFalse(Files.exists(data.resolve("work").resolve("launch-7")), "the work directory is deleted");
    }

    @Test
    void aTargetOutsideTheAgentsOwnListIsRefusedBeforeAnythingIsFetchedOrRun() throws Exception {
        shares = new Shares(environment.apply(TargetList.ofCommaSeparated("*.staging.internal,10.0.0.0/8")), Thread::new);
        Command.Assign assign = assign(13, "plan.jmx", "x");
        files.clear(); // a fetch would fail with another message
        shares.apply(List.of(assign));
        awaitReport(13, "FAILED");
        assertEquals(List.of("FAILED"), statuses(), "no PREPARING: nothing was prepared");
        assertEquals("the agent refuses the target http://shop.internal: it is not on the agent's own"
                + " LOADSTACK_AGENT_ALLOWED_TARGETS (*.staging.internal,10.0.0.0/8), which only the agent's operator"
                + " can change", lastReport("FAILED").path("message").asText());
        assertNull(generator.assignment, "no generator");
        await(() -> shares.held().isEmpty(), "the share is dropped");
        assertFalse(Files.exists(data.resolve("work").resolve("launch-13")));
    }

    @Test
    void aTargetOnTheAgentsOwnListRunsAsAnyOther() throws Exception {
        shares = new Shares(environment.apply(TargetList.ofCommaSeparated("shop.internal:80")), Thread::new);
        shares.apply(List.of(assign(14, "plan.jmx", "x")));
        awaitReport(14, "READY");
        assertEquals(List.of("PREPARING", "READY"), statuses());
        shares.apply(List.of(new Command.Stop(14, "done", 1)));
        awaitReport(14, "FINISHED");
    }

    @Test
    void aStartAlreadyPastByMoreThanTheToleranceIsRefused() throws Exception {
        shares.apply(List.of(assign(8, "plan.jmx", "x")));
        awaitReport(8, "READY");
        shares.apply(List.of(new Command.Start(8, clock.serverNow().minusSeconds(10))));
        awaitReport(8, "FAILED");
        assertEquals("start time already past by 10 s", lastReport("FAILED").path("message").asText());
        assertEquals(0, generator.startedAt.get(), "never started");
        await(() -> shares.held().isEmpty(), "the share is dropped");
        assertFalse(Files.exists(data.resolve("work").resolve("launch-8")));
    }

    @Test
    void aGeneratorThatCannotGetReadyFailsTheShareWithItsOwnMessage() throws Exception {
        generator.prepareFailure = "plan.jmx line 3: XML document structures must start and end within the same entity";
        shares.apply(List.of(assign(9, "plan.jmx", "<jmeterTestPlan")));
        awaitReport(9, "FAILED");
        assertEquals(generator.prepareFailure, lastReport("FAILED").path("message").asText());
        assertEquals(List.of("PREPARING", "FAILED"), statuses());
        await(() -> shares.held().isEmpty(), "the share is dropped");
        assertFalse(Files.exists(data.resolve("work").resolve("launch-9")));
    }

    @Test
    void aPlanFileThatCannotBeHadFailsTheShareNamingIt() throws Exception {
        Command.Assign assign = assign(10, "plan.jmx", "x");
        files.clear(); // Loadstack answers 404
        shares.apply(List.of(assign));
        awaitReport(10, "FAILED");
        assertTrue(lastReport("FAILED").path("message").asText().contains("plan.jmx"), lastReport("FAILED").toString());
        assertNull(generator.assignment, "no generator without its files");
    }

    @Test
    void aStopBeforeTheStartEndsTheShareWithoutStartingIt() throws Exception {
        shares.apply(List.of(assign(11, "plan.jmx", "x")));
        awaitReport(11, "READY");
        shares.apply(List.of(new Command.Stop(11, "stopped by admin", 5)));
        awaitReport(11, "FINISHED");
        assertEquals(Duration.ofSeconds(5), generator.stoppedWith);
        assertEquals(0, generator.startedAt.get());
        shares.apply(List.of(new Command.Stop(11, "again", 5))); // harmless
        await(() -> shares.held().isEmpty(), "the share is dropped");
    }

    @Test
    void aStopWhileRunningUsesTheGeneratorsStopAndReportsItsCounts() throws Exception {
        generator.runFor = Duration.ofMinutes(5);
        shares.apply(List.of(assign(12, "plan.jmx", "x")));
        awaitReport(12, "READY");
        shares.apply(List.of(new Command.Start(12, clock.serverNow())));
        awaitReport(12, "RUNNING");
        shares.apply(List.of(new Command.Stop(12, "the launch was stopped", 7)));
        assertTrue(shares.held().isEmpty() || shares.held().get(0).stopping(), "listed as stopping until it ends");
        awaitReport(12, "FINISHED");
        assertEquals(Duration.ofSeconds(7), generator.stoppedWith);
        assertTrue(lastReport("FINISHED").path("requests").asLong() > 0);
    }

    @Test
    void aReportAnswered409StopsTheShareAndItReportsNoMore() throws Exception {
        generator.runFor = Duration.ofMinutes(5);
        shares.apply(List.of(assign(13, "plan.jmx", "x")));
        awaitReport(13, "READY");
        shares.apply(List.of(new Command.Start(13, clock.serverNow())));
        awaitReport(13, "RUNNING");
        reportStatus.set(409);
        await(() -> generator.stoppedWith != null, "the generator is stopped");
        await(() -> shares.held().isEmpty(), "the share is dropped");
        int sent = reports.size();
        Thread.sleep(600); // three report intervals: nothing more may come
        assertEquals(sent, reports.size());
        assertFalse(statuses().contains("FINISHED"));
        assertFalse(Files.exists(data.resolve("work").resolve("launch-13")));
    }

    @Test
    void aLostLeaseStopsEveryShareByItself() throws Exception {
        generator.runFor = Duration.ofMinutes(5);
        Lease lease = new Lease(Duration.ofSeconds(30), leaseNanos::get);
        lease.renew();
        shares.apply(List.of(assign(14, "plan.jmx", "x")));
        awaitReport(14, "READY");
        shares.apply(List.of(new Command.Start(14, clock.serverNow())));
        awaitReport(14, "RUNNING");
        shares.checkLease(lease);
        assertNull(generator.stoppedWith, "the lease holds");
        leaseNanos.addAndGet(Duration.ofSeconds(30).toNanos());
        shares.checkLease(lease);
        await(() -> generator.stoppedWith != null, "the generator is stopped");
        await(() -> shares.held().isEmpty(), "the share is dropped");
        assertEquals(Shares.LEASE_LOST_GRACE, generator.stoppedWith);
    }

    @Test
    void aRepeatedAssignChangesNothing() throws Exception {
        Command.Assign assign = assign(15, "plan.jmx", "x");
        shares.apply(List.of(assign));
        awaitReport(15, "READY");
        shares.apply(List.of(assign));
        assertEquals(1, generator.created.get());
        shares.apply(List.of(new Command.Stop(15, "done", 1)));
        awaitReport(15, "FINISHED");
    }

    private Command.Assign assign(long launchId, String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        files.put(sha256, bytes);
        return new Command.Assign(launchId, "uuid-" + launchId, "run " + launchId, "jmeter",
                new Command.FileRef(name, sha256, bytes.length), List.of(), 3, 1, 3, 2, "http://shop.internal",
                Map.of(), "lst_token", Map.of());
    }

    private List<String> statuses() {
        return reports.stream().map(report -> report.path("status").asText()).distinct().toList();
    }

    private JsonNode lastReport(String status) {
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

    private void awaitReport(long launchId, String status) throws InterruptedException {
        await(() -> reports.stream().anyMatch(report -> report.path("status").asText().equals(status)),
                "launch " + launchId + " reports " + status);
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + BOUND.toSeconds() + " s: " + what + "; reports: " + reports);
            }
            Thread.sleep(20);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    /**
     * A generator in the test's process: it gets ready at once, sends its "requests" from the start instant
     * (10 per 100 ms, every tenth failing) for {@link #runFor}, and stops at once when asked.
     */
    private static final class TestGenerator implements Generator {
        volatile Assignment assignment;
        volatile String prepareFailure;
        volatile Duration runFor = Duration.ofMillis(300);
        volatile Duration stoppedWith;
        final AtomicLong startedAt = new AtomicLong();
        final AtomicInteger created = new AtomicInteger();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        private GeneratorOutput output;
        private long requests;

        Generator assigned(Assignment assignment) {
            this.assignment = assignment;
            created.incrementAndGet();
            return this;
        }

        @Override
        public String prepare(GeneratorOutput output) throws GeneratorFailedException {
            this.output = output;
            if (prepareFailure != null) {
                throw new GeneratorFailedException(prepareFailure);
            }
            output.logLine("tiny: loaded the plan");
            return "tiny: " + assignment.users() + " users";
        }

        @Override
        public void startAt(long localEpochMillis) {
            startedAt.set(localEpochMillis);
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(Math.max(0, localEpochMillis - System.currentTimeMillis()));
                    output.firstRequest(System.currentTimeMillis());
                    long end = System.nanoTime() + runFor.toNanos();
                    while (System.nanoTime() < end && ended.getCount() > 0) {
                        synchronized (this) {
                            requests += 10;
                            output.counts(requests, requests / 10);
                        }
                        ended.await(100, TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ended.countDown();
            });
            sender.setDaemon(true);
            sender.start();
        }

        @Override
        public void stop(Duration grace) {
            stoppedWith = grace;
            ended.countDown();
        }

        @Override
        public GeneratorResult awaitEnd() throws InterruptedException {
            ended.await();
            synchronized (this) {
                return new GeneratorResult(requests, requests / 10);
            }
        }

        @Override
        public void close() {
            closed.countDown();
            ended.countDown();
        }
    }
}
