package io.loadstack.launch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JMeter plan launched on three agents in two regions. Besides what the agents record and post, JMeter
 * writes every sample itself (a Simple Data Writer in the plan): the run's totals must equal those files'
 * lines and its percentiles must be JMeter's own, within 1 %.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchedJmeterIT {

    private LaunchStack stack;
    private StaticTarget target;
    private Path results;

    @BeforeAll
    void start() throws Exception {
        target = StaticTarget.start();
        stack = LaunchStack.start("LaunchedJmeterIT", LaunchSettings.api(), LaunchSettings.agent());
        stack.agent("eu-1", "eu");
        stack.agent("eu-2", "eu");
        stack.agent("us-1", "us");
        results = Files.createTempDirectory("launch-it-jmeter-results");
        results.toFile().setWritable(true, false);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aJmeterPlanOnThreeAgentsInTwoRegionsReportsJmetersOwnNumbersIntoOneRun() throws Exception {
        long plan = stack.plan("shop (jmeter)", "jmeter", "shop.jmx");
        long id = stack.launched(Map.of("planId", plan, "regions", Map.of("eu", 2, "us", 1), "users", 30,
                "rampUpSeconds", 2, "durationSeconds", 6, "targetHost", target.url(),
                "properties", Map.of("results.dir", results.toString())));

        Map<String, Object> launch = stack.awaitLaunch(id, "its end", LaunchStack::ended);
        assertEquals("COMPLETED", launch.get("status"), () -> launch + "\n" + stack.logs());
        List<Map<String, Object>> agents = LaunchStack.agentsOf(launch);
        assertEquals(3, agents.size());
        long requests = 0;
        long failures = 0;
        for (Map<String, Object> agent : agents) {
            assertEquals("FINISHED", agent.get("status"), agent::toString);
            requests += ((Number) agent.get("requests")).longValue();
            failures += ((Number) agent.get("failures")).longValue();
        }

        Samples jmeter = Samples.read(results);
        assertEquals(3, jmeter.files, "one results file per agent");
        assertEquals(jmeter.elapsed.size(), requests, "the agents counted what JMeter wrote");
        assertEquals(jmeter.failures, failures);

        Map<String, Object> run = stack.awaitCommittedRun((String) launch.get("runUuid"));
        assertEquals(requests, ((Number) run.get("requests")).longValue(), "the run holds every sample");
        assertEquals(failures, ((Number) run.get("failures")).longValue());
        for (String percentile : List.of("p50", "p95", "p99")) {
            double value = ((Number) run.get(percentile)).doubleValue();
            double fraction = Integer.parseInt(percentile.substring(1)) / 100.0;
            assertTrue(jmeter.near(fraction, value), percentile + " of the run is " + value + " ms; JMeter's own samples give "
                    + jmeter.at(fraction) + " ms (" + jmeter.elapsed.size() + " samples)");
        }
        Number skew = (Number) launch.get("skewMs");
        assertNotNull(skew, launch::toString);
        System.out.printf("launched JMeter: 3 agents, %d requests, %d failures, p95 %s ms (JMeter's own: %s ms), start skew %d ms%n",
                requests, failures, run.get("p95"), jmeter.at(0.95), skew.longValue());
    }

    /** Every sample JMeter wrote: elapsed milliseconds and failures, over every agent's CSV file. */
    private static final class Samples {
        final List<Long> elapsed = new ArrayList<>();
        long failures;
        int files;

        static Samples read(Path directory) throws IOException {
            Samples samples = new Samples();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".csv")).toList()) {
                    samples.files++;
                    List<String> lines = Files.readAllLines(file);
                    List<String> header = List.of(lines.get(0).split(","));
                    int elapsed = header.indexOf("elapsed");
                    int success = header.indexOf("success");
                    for (String line : lines.subList(1, lines.size())) {
                        // no field of this plan's samples holds a comma (labels, codes, messages, URLs)
                        String[] fields = line.split(",");
                        samples.elapsed.add(Long.parseLong(fields[elapsed]));
                        if (!Boolean.parseBoolean(fields[success])) {
                            samples.failures++;
                        }
                    }
                }
            }
            Collections.sort(samples.elapsed);
            return samples;
        }

        /** The nearest-rank percentile. */
        long at(double fraction) {
            return elapsed.get(Math.max(0, (int) Math.ceil(fraction * elapsed.size()) - 1));
        }

        /**
         * Within 1 % of JMeter's value at that rank or at the rank before it: percentile definitions differ by
         * one rank in where they round (HdrHistogram rounds the rank to nearest, nearest-rank takes the ceiling).
         */
        boolean near(double fraction, double value) {
            int rank = Math.max(0, (int) Math.ceil(fraction * elapsed.size()) - 1);
            for (int r = Math.max(0, rank - 1); r <= rank; r++) {
                double reference = elapsed.get(r);
                if (Math.abs(value - reference) <= 0.01 * reference) {
                    return true;
                }
            }
            return false;
        }
    }
}
