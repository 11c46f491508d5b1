package io.loadstack.clients.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.loadstack.clients.gatling.shop.ConsumerHealth;
import io.loadstack.clients.gatling.shop.GatlingProcess;
import io.loadstack.clients.gatling.shop.MeasuredTimes;
import io.loadstack.clients.gatling.shop.ShopTarget;
import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Gatling 3.10.5, configured as a user would in gatling.conf (writers console, file and graphite;
 * {@code rootPathPrefix = "<ingest token>.gatling"}), runs {@link io.loadstack.clients.gatling.shop.ShopSimulation} against a local target and
 * reports live to the packaged consumer's Graphite port. The run must appear with Gatling's own final
 * numbers (its report's stats.json): requests and failures exact, one endpoint per request name, and
 * percentiles within {@link #PERCENTILE_TOLERANCE} of the report's.
 */
class GatlingGraphiteIT {

    private static final Path CONSUMER_JAR = Path.of("..", "..", "consumer-service", "target", "consumer-service.jar");
    private static final String SECRET = "gatling-it-secret-that-is-long-enough-for-hs256-0123";
    /**
     * Gatling sends per second min, p50, p75, p95, p99 and max; the consumer spreads each second's requests
     * over them, so a run's percentile merged from many seconds is an approximation. Measured on this
     * simulation (about 300 requests per name): the run's p50/p95/p99 within 2 %, a name's p50 and p95 within
     * 7 %, a name's p99 up to 13 % off (a p99 of 300 requests rests on its three slowest). Asserted: 20 % or
     * 3 ms, whichever is larger.
     */
    static final double PERCENTILE_TOLERANCE = 0.20;
    private static final double PERCENTILE_SLACK_MS = 3;

    @Test
    void gatlingGraphiteWriterReportsARunWithGatlingsOwnCountsEndpointsAndPercentiles() throws Exception {
        assertTrue(Files.exists(CONSUMER_JAR), "build consumer-service first: " + CONSUMER_JAR.toAbsolutePath());
        HttpServer target = ShopTarget.start();
        try (TestDatabase database = TestDatabase.fresh("GatlingGraphiteIT")) {
            database.migrate("filesystem:../../api-service/src/main/resources/db/api", "flyway_history_api");
            String token = IngestTokenHash.newToken();
            database.userWithIngestToken("gatling-user", IngestTokenHash.hash(token), IngestTokenHash.displayPrefix(token));
            int graphitePort = ServiceProcess.freePort();
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", SECRET);
            environment.put("LOADSTACK_JOURNAL_DIR", Files.createTempDirectory("gatling-it-journal").toString());
            environment.put("LOADSTACK_FLUSH_INTERVAL", "1s");
            environment.put("LOADSTACK_GRAPHITE_PORT", Integer.toString(graphitePort));
            environment.put("LOADSTACK_GATLING_IDLE_TIMEOUT", "4s");
            try (ServiceProcess consumer = ServiceProcess.start(CONSUMER_JAR, environment)) {
                assertTrue(ConsumerHealth.await(consumer), consumer.output());
                Path responseTimes = Files.createTempFile("gatling-response-times", ".tsv");
                Path results = runGatling(token, graphitePort, "http://127.0.0.1:" + target.getAddress().getPort(), responseTimes);
                Map<String, List<Long>> exact = MeasuredTimes.read(responseTimes);
                JsonNode stats = new ObjectMapper().readTree(findStatsJson(results).toFile());

                Map<String, Object> run = awaitCompletedRun(database, consumer);
                String uuid = (String) run.get("uuid");
                assertEquals("shopsimulation", run.get("name"));
                JsonNode all = stats.get("stats");
                assertEquals(number(all.get("numberOfRequests").get("total")), number(run.get("requests")), "requests");
                assertEquals(number(all.get("numberOfRequests").get("ko")), number(run.get("failures")), "failures");
                assertTrue(number(run.get("max_users")) > 0, "users from allUsers.active");
                List<String> report = new ArrayList<>();
                report.add(compare("run", all, exact.values().stream().flatMap(List::stream).toList(), run));

                Map<String, Map<String, Object>> endpoints = new HashMap<>();
                Iterator<JsonNode> requests = stats.get("contents").elements();
                int names = 0;
                while (requests.hasNext()) {
                    JsonNode request = requests.next();
                    names++;
                    // Gatling's Graphite writer replaces spaces in names by "_"
                    String name = request.get("name").asText().replace(' ', '_');
                    Map<String, Object> endpoint = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = ?", uuid, name);
                    assertNotNull(endpoint, "no endpoint " + name);
                    assertEquals("GATLING", endpoint.get("method"));
                    JsonNode counts = request.get("stats").get("numberOfRequests");
                    assertEquals(number(counts.get("total")), number(endpoint.get("requests")), name + " requests");
                    assertEquals(number(counts.get("ko")), number(endpoint.get("failures")), name + " failures");
                    report.add(compare(name, request.get("stats"), exact.get(request.get("name").asText()), endpoint));
                    endpoints.put(name, endpoint);
                }
                assertEquals(3, names, "Gatling's report names three requests");
                assertEquals(3L, number(database.row("SELECT COUNT(*) AS n FROM run_endpoints WHERE run_uuid = ?", uuid).get("n")));
                assertTrue(number(endpoints.get("Add_to_cart").get("failures")) > 0, "the target failed some carts on purpose");
                System.out.println("Gatling 3.10.5 over Graphite, percentiles in ms:\n" + String.join("\n", report));
            }
        } finally {
            target.stop(0);
            ((ExecutorService) target.getExecutor()).shutdownNow();
        }
    }

    /**
     * Loadstack's p50, p95 and p99 against Gatling's report (percentiles1, 3, 4 = 50, 95, 99 by default) and,
     * for the record, against the exact ranks of the response times Gatling measured; @return a line for the output
     */
    private static String compare(String what, JsonNode gatling, List<Long> measured, Map<String, Object> stored) {
        assertNotNull(measured, "no response times measured for " + what);
        StringBuilder line = new StringBuilder(what).append(":");
        String[][] pairs = {{"percentiles1", "50"}, {"percentiles3", "95"}, {"percentiles4", "99"}};
        for (String[] pair : pairs) {
            double reported = gatling.get(pair[0]).get("total").asDouble();
            double exactValue = MeasuredTimes.nearestRank(measured, Double.parseDouble(pair[1]));
            double actual = ((Number) stored.get("p" + pair[1] + "_ms")).doubleValue();
            line.append(String.format(" p%s report %.0f exact %.0f loadstack %.1f (%+.1f %% of the report);",
                    pair[1], reported, exactValue, actual, 100 * (actual - reported) / reported));
            assertTrue(Math.abs(actual - reported) <= Math.max(PERCENTILE_SLACK_MS, reported * PERCENTILE_TOLERANCE),
                    what + " p" + pair[1] + ": Gatling's report " + reported + ", Loadstack " + actual);
        }
        return line.toString();
    }

    private static long number(Object value) {
        if (value instanceof JsonNode node) {
            return Long.parseLong(node.asText());
        }
        return ((Number) value).longValue();
    }

    /** Gatling with exactly the gatling.conf lines clients/README.md tells users to add; @return the results folder */
    private static Path runGatling(String token, int graphitePort, String target, Path responseTimes) throws Exception {
        return GatlingProcess.runShop("""
                gatling {
                  data {
                    writers = [console, file, graphite]
                    graphite {
                      host = "127.0.0.1"
                      port = %d
                      protocol = "tcp"
                      rootPathPrefix = "%s.gatling"
                    }
                    enableAnalytics = false
                  }
                }
                """.formatted(graphitePort, token), target, responseTimes);
    }

    private static Path findStatsJson(Path results) throws IOException {
        try (Stream<Path> files = Files.walk(results)) {
            return files.filter(file -> file.getFileName().toString().equals("stats.json")
                            && file.getParent().getFileName().toString().equals("js"))
                    .findFirst().orElseThrow(() -> new AssertionError("no js/stats.json under " + results));
        }
    }

    private static Map<String, Object> awaitCompletedRun(TestDatabase database, ServiceProcess consumer) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> run = database.row("SELECT * FROM runs WHERE origin = 'gatling' AND status = 'COMPLETED'");
            if (run != null) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no completed Gatling run; consumer output:\n" + consumer.output());
    }
}
