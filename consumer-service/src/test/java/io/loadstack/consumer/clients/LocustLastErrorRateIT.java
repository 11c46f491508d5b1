package io.loadstack.consumer.clients;

import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Locust run, at a constant rate, against a target that answers every 20th request with a 500
 * (after 50 ms, so that users are in the middle of requests when Locust stops them). Every record's error
 * rate, the last one's too, must be the target's 5 %: its failures are a twentieth of its requests, give
 * or take the few requests whose order the target and Locust see differently. The stored totals must be
 * Locust's own final summary.
 *
 * <p>This is what a "jump" of the last error-rate point was checked against (README, "Rates cover the
 * time the data covers"): the requests Locust cancels at the stop are not counted by Locust at all (the
 * target log shows them served, the summary does not), and the plugin's last post is a delta like the
 * others, so the last record's rate is the steady one, in one process and with workers.
 */
class LocustLastErrorRateIT {

    private static final Path JAR = LocustInstall.CONSUMER_JAR;
    private static final Path PLUGIN_DIR = LocustInstall.PLUGIN_DIR;
    private static final String PYTHON = LocustInstall.PYTHON;
    private static final int FAIL_EVERY = 20;
    /** Requests whose order differs between the target and Locust, and the one a stopped user left unanswered. */
    private static final int SLACK = 3;
    private static final Pattern SERVED = Pattern.compile("target served (\\d+) requests, (\\d+) failed");

    /** Every FAIL_EVERY-th request gets a 500; it prints what it served when it is stopped. */
    private static final String TARGET = """
            import signal
            import sys
            import threading
            import time
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

            FAIL_EVERY = int(sys.argv[2])
            lock = threading.Lock()
            served = [0, 0]


            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"

                def do_GET(self):
                    with lock:
                        served[0] += 1
                        fail = served[0] % FAIL_EVERY == 0
                        served[1] += fail
                    time.sleep(0.05)
                    body = b"failed" if fail else b"ok"
                    self.send_response(500 if fail else 200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

                def log_message(self, *args):
                    pass


            def report(*_args):
                print("target served %d requests, %d failed" % tuple(served), flush=True)
                sys.exit(0)


            signal.signal(signal.SIGTERM, report)
            ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
            """;

    /** Prints every stats post the plugin sends: the last ones are what this test is about. */
    private static final String LOCUSTFILE = """
            import json

            import loadstack_locust
            from locust import HttpUser, constant, task

            original_call = loadstack_locust.LoadstackReporter._call


            def call(self, path, body):
                if path.endswith("/stats"):
                    print("post seq %d at %s: users %d, %s" % (body["seq"], body["timestamp"], body["users"],
                          json.dumps([(e["requests"], e["failures"]) for e in body["endpoints"]])), flush=True)
                return original_call(self, path, body)


            loadstack_locust.LoadstackReporter._call = call


            class Visitor(HttpUser):
                wait_time = constant(0.05)

                @task
                def home(self):
                    self.client.get("/")
            """;

    @Test
    void theLastRecordsErrorRateIsTheTargetsAsInEveryOtherRecord() throws Exception {
        measure("last error rate IT", false);
    }

    /** A master and two workers: the workers' last reports reach the master after the test has stopped. */
    @Test
    void inADistributedRunTooTheLastRecordsErrorRateIsTheTargets() throws Exception {
        measure("last error rate IT, distributed", true);
    }

    private static void measure(String runName, boolean distributed) throws Exception {
        assumeTrue(LocustInstall.available(), "python3-locust is not installed");
        Path work = Files.createTempDirectory("locust-last-error-rate");
        Files.writeString(work.resolve("locustfile.py"), LOCUSTFILE);
        Files.writeString(work.resolve("target.py"), TARGET);
        List<Process> processes = new ArrayList<>();

        try (TestDatabase database = ConsumerTestSetup.database("LocustLastErrorRateIT")) {
            String token = ConsumerTestSetup.userWithToken(database, "locust-errors");
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", ConsumerTestSetup.SECRET);
            environment.put("LOADSTACK_JOURNAL_DIR", ConsumerTestSetup.journalDir("locust-errors").toString());
            environment.put("LOADSTACK_FLUSH_INTERVAL", "4s");
            int targetPort = ServiceProcess.freePort();
            Process target = new ProcessBuilder(PYTHON, work.resolve("target.py").toString(), String.valueOf(targetPort),
                    String.valueOf(FAIL_EVERY)).redirectErrorStream(true).redirectOutput(work.resolve("target.log").toFile()).start();
            processes.add(target);
            try (ServiceProcess consumer = ServiceProcess.start(JAR, environment)) {
                assertTrue(consumer.awaitHealthy(Duration.ofSeconds(90)), consumer.output());
                List<String> command = new ArrayList<>(List.of(PYTHON, "-m", "locust", "-f", work.resolve("locustfile.py").toString(),
                        "--headless", "-u", "5", "-r", "5", "-t", "36s", "--host", "http://127.0.0.1:" + targetPort,
                        "--loadstack-host", consumer.baseUrl(), "--loadstack-token", token,
                        "--loadstack-interval", "3", "--loadstack-name", runName));
                String masterPort = String.valueOf(ServiceProcess.freePort());
                if (distributed) {
                    command.addAll(List.of("--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", masterPort,
                            "--expect-workers", "2", "--expect-workers-max-wait", "60"));
                }
                Process process = locust(command, work, "locust.log").start();
                if (distributed) {
                    for (String worker : List.of("worker1", "worker2")) {
                        processes.add(locust(List.of(PYTHON, "-m", "locust", "-f", work.resolve("locustfile.py").toString(),
                                "--worker", "--master-host", "127.0.0.1", "--master-port", masterPort), work, worker + ".log").start());
                    }
                }
                assertTrue(process.waitFor(150, TimeUnit.SECONDS), "locust did not finish");
                target.destroy();
                target.waitFor(10, TimeUnit.SECONDS);
                String log = Files.readString(work.resolve("locust.log")) + Files.readString(work.resolve("target.log"));
                assertTrue(log.contains("committed"), log);

                Map<String, Object> run = database.row("SELECT r.* FROM runs r JOIN run_tags t ON t.run_uuid = r.uuid "
                        + "WHERE t.tag_key = 'testName' AND t.tag_value = ?", runName);
                assertNotNull(run, log);
                assertEquals("COMPLETED", run.get("status"));
                long[] summary = aggregatedSummary(log);
                assertEquals(summary[0], ((Number) run.get("requests")).longValue(), "requests: Locust's summary against Loadstack's\n" + log);
                assertEquals(summary[1], ((Number) run.get("failures")).longValue(), "failures: Locust's summary against Loadstack's\n" + log);
                // The requests a stopped user leaves unanswered are no failures of Locust's: it fails no more than the target did.
                long[] served = served(log);
                assertTrue(summary[0] <= served[0] && summary[1] <= served[1], "Locust counted " + summary[0] + " requests, "
                        + summary[1] + " failures; the target served " + served[0] + ", " + served[1] + " of them failed\n" + log);

                List<long[]> records = records(database, (String) run.get("uuid"));
                StringBuilder all = new StringBuilder();
                records.forEach(r -> all.append(String.format(" [%d/%d = %.1f %%]", r[1], r[0], r[0] == 0 ? 0 : 100.0 * r[1] / r[0])));
                String measured = "records (failures/requests):" + all + "; Locust's summary " + summary[0] + " requests, "
                        + summary[1] + " failures; the target served " + served[0] + ", failed " + served[1];
                System.out.println(runName + ": " + measured);
                assertTrue(records.size() >= 5, measured + "\n" + log);
                for (long[] record : records) {
                    long expected = Math.round((double) record[0] / FAIL_EVERY);
                    assertTrue(Math.abs(record[1] - expected) <= SLACK, "a record of " + record[0] + " requests has "
                            + record[1] + " failures, not about " + expected + "; " + measured + "\n" + log);
                }
            }
        } finally {
            processes.forEach(Process::destroy);
        }
    }

    /** A Locust process with the plugin on its path, its output in {@code log}. */
    private static ProcessBuilder locust(List<String> command, Path work, String log) {
        ProcessBuilder locust = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile());
        locust.environment().put("PYTHONPATH", PLUGIN_DIR.toString());
        return locust;
    }

    /** The run's whole-run records in order: {requests, failures}. */
    private static List<long[]> records(TestDatabase database, String uuid) throws SQLException {
        List<long[]> records = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT requests, failures FROM run_intervals WHERE run_uuid = ? AND method = '' AND name = '' ORDER BY seq")) {
            statement.setString(1, uuid);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    records.add(new long[]{row.getLong(1), row.getLong(2)});
                }
            }
        }
        return records;
    }

    /** What the target says it served when stopped: {requests, failures}. */
    private static long[] served(String log) {
        Matcher served = SERVED.matcher(log);
        assertTrue(served.find(), "the target did not report\n" + log);
        return new long[]{Long.parseLong(served.group(1)), Long.parseLong(served.group(2))};
    }

    /** Requests and failures of the last "Aggregated" row Locust prints: its final summary. */
    private static long[] aggregatedSummary(String log) {
        long[] aggregated = null;
        for (String line : log.split("\n")) {
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length > 3 && tokens[0].equals("Aggregated") && tokens[2].contains("(")) {
                aggregated = new long[]{Long.parseLong(tokens[1]), Long.parseLong(tokens[2].substring(0, tokens[2].indexOf('(')))};
            }
        }
        assertNotNull(aggregated, "no summary in\n" + log);
        return aggregated;
    }
}
