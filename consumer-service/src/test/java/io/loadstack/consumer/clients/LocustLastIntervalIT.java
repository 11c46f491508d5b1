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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Locust run whose last stats post lands in a short final interval: the generator's last post
 * covers the seconds since its previous one, but the consumer's last interval (from its last tick to the
 * commit) lasts a fraction of that. The last record's rps must still be near the steady records' rps.
 *
 * <p>To make that short final interval certain rather than lucky, the test tells the locustfile when the
 * consumer's latest tick was (the end of the run's newest record, as soon as it is stored), and the locustfile
 * stops Locust within 1.6 s after a tick it has seen and a second or more after its previous post. It does not
 * predict ticks from their period: a tick that ran late on a busy host (its record ends late) would put the
 * prediction off by as much, and the next tick could come between the last post and the commit.
 */
class LocustLastIntervalIT {

    private static final Path JAR = LocustInstall.CONSUMER_JAR;
    private static final Path PLUGIN_DIR = LocustInstall.PLUGIN_DIR;
    private static final String PYTHON = LocustInstall.PYTHON;
    /**
     * Long enough that Locust's quit, its last post and the commit all fit between the tick it stops after and
     * the next one, even on a busy host (they take well under a second; the next tick is at least 8 s away):
     * if the next tick came first, the last record would be empty.
     */
    private static final int FLUSH_SECONDS = 10;
    private static final int POST_SECONDS = 3;

    /** Stops the run just after a tick it saw (0.2-1.6 s) and 1.0-2.7 s after the plugin's previous post. */
    private static final String LOCUSTFILE = """
            import os
            import time

            import gevent
            import loadstack_locust
            from locust import HttpUser, constant, events, task

            PHASE = os.environ["LAST_INTERVAL_PHASE"]
            last_post = [0.0]
            original_post = loadstack_locust.LoadstackReporter.post_stats


            def post_stats(self, final=False):
                original_post(self, final)
                last_post[0] = time.time()


            loadstack_locust.LoadstackReporter.post_stats = post_stats


            def stop_after_a_tick(environment):
                while True:
                    gevent.sleep(0.02)
                    try:
                        with open(PHASE) as f:
                            last_tick, earliest = (float(x) for x in f.read().split())
                    except (OSError, ValueError):
                        continue
                    now = time.time()
                    since_tick = now - last_tick
                    since_post = now - last_post[0]
                    # Posts come every 3 s: the tick's window (1.4 s) is longer than the part of each post cycle
                    # that is excluded (1.3 s), so some moment of every window has a second or more unposted;
                    # a tick whose record reached MySQL too late to be seen in its window waits for the next.
                    if now >= earliest and 0.2 <= since_tick <= 1.6 and 1.0 <= since_post <= 2.7:
                        print("stopping %.2f s after a tick, %.2f s after the previous post" % (since_tick, since_post), flush=True)
                        environment.runner.quit()
                        return


            @events.test_start.add_listener
            def _start(environment, **_kwargs):
                gevent.spawn(stop_after_a_tick, environment)


            class Visitor(HttpUser):
                wait_time = constant(0.05)

                @task
                def home(self):
                    self.client.get("/")
            """;

    @Test
    void theLastRecordsRateIsNearTheSteadyRecordsRate() throws Exception {
        assumeTrue(LocustInstall.available(), "python3-locust is not installed");
        Path work = Files.createTempDirectory("locust-last-interval");
        Files.writeString(work.resolve("locustfile.py"), LOCUSTFILE);
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<html><body>target</body></html>");
        Path phase = work.resolve("phase.txt");

        try (TestDatabase database = ConsumerTestSetup.database("LocustLastIntervalIT")) {
            String token = ConsumerTestSetup.userWithToken(database, "locust-last");
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", ConsumerTestSetup.SECRET);
            environment.put("LOADSTACK_JOURNAL_DIR", ConsumerTestSetup.journalDir("locust-last").toString());
            environment.put("LOADSTACK_FLUSH_INTERVAL", FLUSH_SECONDS + "s");
            int targetPort = ServiceProcess.freePort();
            Process target = new ProcessBuilder(PYTHON, "-m", "http.server", String.valueOf(targetPort), "--bind", "127.0.0.1",
                    "--directory", site.toString()).redirectErrorStream(true).redirectOutput(work.resolve("target.log").toFile()).start();
            try (ServiceProcess consumer = ServiceProcess.start(JAR, environment)) {
                assertTrue(consumer.awaitHealthy(Duration.ofSeconds(90)), consumer.output());
                List<String> command = List.of(PYTHON, "-m", "locust", "-f", work.resolve("locustfile.py").toString(),
                        "--headless", "-u", "5", "-r", "5", "-t", "120s", "--host", "http://127.0.0.1:" + targetPort,
                        "--loadstack-host", consumer.baseUrl(), "--loadstack-token", token,
                        "--loadstack-interval", String.valueOf(POST_SECONDS), "--loadstack-name", "last interval IT");
                ProcessBuilder locust = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(work.resolve("locust.log").toFile());
                locust.environment().put("PYTHONPATH", PLUGIN_DIR.toString());
                locust.environment().put("LAST_INTERVAL_PHASE", phase.toString());
                Process process = locust.start();

                // Each tick writes a record; the newest one's end is the latest tick, which the locustfile reads.
                String newestTick = "SELECT MAX(TIMESTAMPDIFF(MICROSECOND, '1970-01-01', i.interval_end)) AS end_micros "
                        + "FROM run_intervals i JOIN run_tags t ON t.run_uuid = i.run_uuid "
                        + "WHERE t.tag_key = 'testName' AND t.tag_value = 'last interval IT' AND i.name = ''";
                double earliest = 0;
                long seen = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                while (process.isAlive() && System.nanoTime() < deadline) {
                    Object micros = database.row(newestTick).get("end_micros");
                    if (micros != null && ((Number) micros).longValue() != seen) {
                        seen = ((Number) micros).longValue();
                        if (earliest == 0) {
                            // Three full intervals at least, so that there are steady records to compare with.
                            earliest = seen / 1e6 + 3 * FLUSH_SECONDS;
                        }
                        // Stored as UTC wall time: the difference to the epoch's wall time is the epoch second.
                        Files.writeString(work.resolve("phase.tmp"), seen / 1e6 + " " + earliest);
                        Files.move(work.resolve("phase.tmp"), phase, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    Thread.sleep(30);
                }

                assertTrue(process.waitFor(150, TimeUnit.SECONDS), "locust did not finish");
                String log = Files.readString(work.resolve("locust.log"));
                assertTrue(log.contains("stopping") && log.contains("committed"), log);

                Map<String, Object> run = database.row("SELECT r.uuid, r.status FROM runs r JOIN run_tags t ON t.run_uuid = r.uuid "
                        + "WHERE t.tag_key = 'testName' AND t.tag_value = 'last interval IT'");
                assertEquals("COMPLETED", run.get("status"));
                List<double[]> records = records(database, (String) run.get("uuid"));
                StringBuilder all = new StringBuilder();
                records.forEach(r -> all.append(String.format(" [%.0f requests, %.1f/s]", r[1], r[0])));
                assertTrue(records.size() >= 4, "records:" + all + "\n" + log);
                double[] last = records.get(records.size() - 1);
                List<Double> steady = new ArrayList<>();
                for (double[] record : records.subList(1, records.size() - 1)) {
                    if (record[1] > 0) {
                        steady.add(record[0]);
                    }
                }
                assertTrue(steady.size() >= 2, "steady records: " + steady);
                steady.sort(Double::compare);
                double median = steady.get(steady.size() / 2);
                double ratio = last[0] / median;
                assertTrue(ratio > 0.5 && ratio < 1.6, "the last record (" + last[1] + " requests, rps " + last[0]
                        + ") against the steady rps " + steady + ": ratio " + ratio + "; records:" + all + "\n" + log);
            } finally {
                target.destroy();
            }
        }
    }

    /** The run's whole-run records in order: {rps, requests}. */
    private static List<double[]> records(TestDatabase database, String uuid) throws SQLException {
        List<double[]> records = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT rps, requests FROM run_intervals WHERE run_uuid = ? AND method = '' AND name = '' ORDER BY seq")) {
            statement.setString(1, uuid);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    records.add(new double[]{row.getDouble(1), row.getLong(2)});
                }
            }
        }
        return records;
    }
}
