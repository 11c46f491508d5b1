package io.loadstack.consumer.clients;

import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Locust (Debian's python3-locust) runs a short headless test with {@code clients/locust}'s plugin
 * against a local HTTP server, reporting to the packaged consumer, as one process and as a master with two
 * workers. The run must be COMPLETED with the endpoints, requests and failures of Locust's own final
 * summary. Skipped where Locust is not installed ({@code apt-get install -y python3-locust}).
 */
class LocustPluginIT {

    private static final Path JAR = LocustInstall.CONSUMER_JAR;
    private static final Path PLUGIN_DIR = LocustInstall.PLUGIN_DIR;
    private static final String PYTHON = LocustInstall.PYTHON;

    private static final String LOCUSTFILE = """
            import loadstack_locust  # noqa: F401  (registers the --loadstack-* options and the reporting)
            from locust import HttpUser, constant, task


            class Visitor(HttpUser):
                wait_time = constant(0.05)

                @task(3)
                def home(self):
                    self.client.get("/")

                @task(1)
                def missing(self):
                    self.client.get("/missing")
            """;

    /** The same users without the plugin; it gives Locust the version stand-in itself, as the README shows. */
    private static final String WORKER_WITHOUT_PLUGIN = LOCUSTFILE.replace(
            "import loadstack_locust  # noqa: F401  (registers the --loadstack-* options and the reporting)\n",
            "import locust.runners\n\nif not locust.runners.__version__:\n    locust.runners.__version__ = \"0+unknown\"\n");

    @Test
    void aHeadlessLocustRunWithThePluginIsCompletedWithLocustsOwnCounts() throws Exception {
        assumeTrue(LocustInstall.available(), "python3-locust is not installed");
        Path work = workDirectory("locust-it");

        try (TestDatabase database = ConsumerTestSetup.database("LocustPluginIT");
             Target target = Target.start(work);
             ServiceProcess consumer = ServiceProcess.start(JAR, consumerEnvironment(database, "locust"))) {
            String token = ConsumerTestSetup.userWithToken(database, "locust-user");
            assertTrue(consumer.awaitHealthy(Duration.ofSeconds(90)), consumer.output());
            List<String> command = new ArrayList<>(List.of(PYTHON, "-m", "locust", "-f", work.resolve("locustfile.py").toString(),
                    "--headless", "-u", "5", "-r", "5", "-t", "10s", "--host", target.url(),
                    "--csv", work.resolve("run").toString(), "--loadstack-host", consumer.baseUrl(),
                    "--loadstack-token", token, "--loadstack-interval", "2", "--loadstack-name", "locust plugin IT"));
            Process process = locust(command, work, work.resolve("locust.log")).start();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "locust did not finish");
            String log = Files.readString(work.resolve("locust.log"));
            assertTrue(log.contains("registered") && log.contains("committed"), log);

            Map<String, String[]> csv = readStats(work.resolve("run_stats.csv"));
            Map<String, long[]> summary = finalSummary(log);
            Map<String, Object> run = runNamed(database, "locust plugin IT", log);
            assertEquals("COMPLETED", run.get("status"));
            long requests = ((Number) run.get("requests")).longValue();
            assertEquals(summary.get("Aggregated")[0], requests, log);
            assertEquals(summary.get("Aggregated")[1], ((Number) run.get("failures")).longValue());
            assertCsvAgrees(csv.get("Aggregated"), requests, "Aggregated");
            assertEquals(5, ((Number) run.get("max_users")).intValue());
            for (String name : List.of("/", "/missing")) {
                String[] stats = csv.get(name);
                assertNotNull(stats, "CSV has no " + name);
                Map<String, Object> endpoint = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND method = 'GET' AND name = ?",
                        run.get("uuid"), name);
                assertNotNull(endpoint, "no endpoint " + name);
                assertEquals(summary.get(name)[0], ((Number) endpoint.get("requests")).longValue(), name + " requests");
                assertEquals(summary.get(name)[1], ((Number) endpoint.get("failures")).longValue(), name + " failures");
                assertCsvAgrees(stats, ((Number) endpoint.get("requests")).longValue(), name);
                // Locust's CSV median is its own rounded histogram's: equal within that rounding
                double median = Double.parseDouble(stats[4]);
                double stored = ((Number) endpoint.get("p50_ms")).doubleValue();
                assertTrue(Math.abs(stored - median) <= Math.max(1.5, median * 0.1), name + " median: CSV " + median + ", Loadstack " + stored);
            }
            assertTrue(((Number) database.row("SELECT SUM(occurrences) AS n FROM run_errors WHERE run_uuid = ? AND name = '/missing'",
                    run.get("uuid")).get("n")).longValue() > 0, "the 404s are in the errors breakdown");
            System.out.printf("locust plugin IT: Locust's summary %d requests, %d failures; stored %s requests, %s failures%n",
                    summary.get("Aggregated")[0], summary.get("Aggregated")[1], run.get("requests"), run.get("failures"));
        }
    }

    /**
     * Debian's Locust as a master and two workers (whose empty {@code __version__} the plugin replaces, or
     * the master would refuse them). The workers' last reports reach the master only after the test has
     * stopped; the stored run must still have exactly the requests and failures of Locust's final summary.
     */
    @Test
    void aDistributedRunIsCompletedWithTheTotalsOfLocustsFinalSummary() throws Exception {
        runDistributed("locust distributed IT", LOCUSTFILE);
    }

    /**
     * A worker whose locustfile lacks the plugin never marks its last report, so the master cannot know it
     * has arrived: it commits as Locust quits, with what Locust's final summary prints.
     */
    @Test
    void aWorkerWithoutThePluginStillLeavesTheRunWithTheTotalsOfLocustsFinalSummary() throws Exception {
        String log = runDistributed("locust distributed IT, unmarked worker", WORKER_WITHOUT_PLUGIN);
        assertTrue(log.contains("no last report marked by worker(s)"), log);
    }

    /**
     * Runs a master and two workers, the second with {@code secondWorkerLocustfile}, for 10 s, and checks
     * the stored run against the master's final summary; @return the master's output
     */
    private static String runDistributed(String runName, String secondWorkerLocustfile) throws Exception {
        assumeTrue(LocustInstall.available(), "python3-locust is not installed");
        Path work = workDirectory("locust-distributed-it");
        Files.writeString(work.resolve("second_worker.py"), secondWorkerLocustfile);
        List<Process> workers = new ArrayList<>();

        try (TestDatabase database = ConsumerTestSetup.database("LocustPluginDistributedIT");
             Target target = Target.start(work);
             ServiceProcess consumer = ServiceProcess.start(JAR, consumerEnvironment(database, "locust-distributed"))) {
            String token = ConsumerTestSetup.userWithToken(database, "locust-user");
            assertTrue(consumer.awaitHealthy(Duration.ofSeconds(90)), consumer.output());
            String masterPort = String.valueOf(ServiceProcess.freePort());
            Process master = locust(List.of(PYTHON, "-m", "locust", "-f", work.resolve("locustfile.py").toString(), "--master",
                    "--master-bind-host", "127.0.0.1", "--master-bind-port", masterPort,
                    "--expect-workers", "2", "--expect-workers-max-wait", "60",
                    "--headless", "-u", "6", "-r", "6", "-t", "10s", "--host", target.url(),
                    "--loadstack-host", consumer.baseUrl(), "--loadstack-token", token,
                    "--loadstack-interval", "2", "--loadstack-name", runName), work, work.resolve("master.log")).start();
            for (String locustfile : List.of("locustfile.py", "second_worker.py")) {
                workers.add(locust(List.of(PYTHON, "-m", "locust", "-f", work.resolve(locustfile).toString(), "--worker",
                        "--master-host", "127.0.0.1", "--master-port", masterPort), work, work.resolve(locustfile + ".log")).start());
            }
            assertTrue(master.waitFor(120, TimeUnit.SECONDS), "the master did not finish");
            String log = Files.readString(work.resolve("master.log"));
            assertTrue(log.contains("2 workers connected"), "both workers joined the master:\n" + log);
            assertTrue(log.contains("registered") && log.contains("committed"), log);

            Map<String, long[]> summary = finalSummary(log);
            assertTrue(summary.get("Aggregated")[0] > 0, "the workers sent requests:\n" + log);
            Map<String, Object> run = runNamed(database, runName, log);
            assertEquals("COMPLETED", run.get("status"));
            assertEquals("distributed", database.row("SELECT tag_value FROM run_tags WHERE run_uuid = ? AND tag_key = 'mode'",
                    run.get("uuid")).get("tag_value"));
            assertEquals(summary.get("Aggregated")[0], ((Number) run.get("requests")).longValue(), "requests, Locust's summary against Loadstack's\n" + log);
            assertEquals(summary.get("Aggregated")[1], ((Number) run.get("failures")).longValue(), "failures, Locust's summary against Loadstack's\n" + log);
            for (String name : List.of("/", "/missing")) {
                Map<String, Object> endpoint = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND method = 'GET' AND name = ?",
                        run.get("uuid"), name);
                assertNotNull(endpoint, "no endpoint " + name);
                assertEquals(summary.get(name)[0], ((Number) endpoint.get("requests")).longValue(), name + " requests");
                assertEquals(summary.get(name)[1], ((Number) endpoint.get("failures")).longValue(), name + " failures");
            }
            for (Process worker : workers) {
                assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "a worker did not quit with its master");
            }
            System.out.printf("%s: Locust's summary %d requests, %d failures; stored %s requests, %s failures%n", runName,
                    summary.get("Aggregated")[0], summary.get("Aggregated")[1], run.get("requests"), run.get("failures"));
            return log;
        } finally {
            workers.forEach(Process::destroy);
        }
    }

    private static Path workDirectory(String prefix) throws IOException {
        Path work = Files.createTempDirectory(prefix);
        Files.writeString(work.resolve("locustfile.py"), LOCUSTFILE);
        return work;
    }

    private static Map<String, String> consumerEnvironment(TestDatabase database, String journal) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("LOADSTACK_JWT_SECRET", ConsumerTestSetup.SECRET);
        environment.put("LOADSTACK_JOURNAL_DIR", ConsumerTestSetup.journalDir(journal).toString());
        environment.put("LOADSTACK_FLUSH_INTERVAL", "2s");
        return environment;
    }

    /** A Locust process with the plugin on its path, its output in {@code log}. */
    private static ProcessBuilder locust(List<String> command, Path work, Path log) {
        ProcessBuilder locust = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        locust.environment().put("PYTHONPATH", PLUGIN_DIR.toString());
        return locust;
    }

    private static Map<String, Object> runNamed(TestDatabase database, String name, String log) {
        Map<String, Object> run = database.row("SELECT * FROM runs r JOIN run_tags t ON t.run_uuid = r.uuid "
                + "WHERE t.tag_key = 'testName' AND t.tag_value = ?", name);
        assertNotNull(run, "no run; locust said:\n" + log);
        return run;
    }

    /** The load test's target: {@code python3 -m http.server} on 127.0.0.1 serving one page. */
    private record Target(Process process, int port) implements AutoCloseable {

        static Target start(Path work) throws IOException {
            Path site = Files.createDirectories(work.resolve("site"));
            Files.writeString(site.resolve("index.html"), "<html><body>target</body></html>");
            int port = ServiceProcess.freePort();
            Process process = new ProcessBuilder(PYTHON, "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1",
                    "--directory", site.toString()).redirectErrorStream(true).redirectOutput(work.resolve("target.log").toFile()).start();
            return new Target(process, port);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /**
     * Locust 2.12 rewrites run_stats.csv every second and does not write it again at shutdown, so the
     * file misses the requests of the test's last second; its final printed summary has them all.
     * The CSV must agree up to that last second's traffic.
     */
    private static void assertCsvAgrees(String[] csvRow, long loadstackRequests, String name) {
        long csvRequests = Long.parseLong(csvRow[2]);
        double perSecond = Double.parseDouble(csvRow[9]);
        assertTrue(csvRequests <= loadstackRequests && loadstackRequests - csvRequests <= Math.ceil(perSecond * 1.5) + 2,
                name + ": CSV " + csvRequests + " requests at " + perSecond + "/s, Loadstack " + loadstackRequests);
    }

    /** The last statistics table Locust prints ("Type Name # reqs # fails | ..."): requests and failures by name. */
    private static Map<String, long[]> finalSummary(String log) {
        Map<String, long[]> rows = new HashMap<>();
        for (String line : log.split("\n")) {
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length > 3 && tokens[0].equals("Aggregated") && tokens[2].contains("(")) {
                rows.put("Aggregated", new long[]{Long.parseLong(tokens[1]), Long.parseLong(tokens[2].substring(0, tokens[2].indexOf('(')))});
            } else if (tokens.length > 4 && tokens[0].equals("GET") && tokens[3].contains("(")) {
                rows.put(tokens[1], new long[]{Long.parseLong(tokens[2]), Long.parseLong(tokens[3].substring(0, tokens[3].indexOf('(')))});
            }
        }
        return rows;
    }

    /** Locust's run_stats.csv by name: Type, Name, Request Count, Failure Count, Median Response Time, ... */
    private static Map<String, String[]> readStats(Path csv) throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].replace("\"", "");
            }
            rows.put(cells[1], cells);
        }
        return rows;
    }
}
