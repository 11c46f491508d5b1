package io.loadstack.consumer;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged consumer as a child process: acknowledged stats posts, then {@code kill -9} (no shutdown
 * hook, no flush), then a restart on the same journal. MySQL must end up with exactly the acknowledged
 * counts: none lost, none counted twice.
 */
class ConsumerCrashIT {

    private static final Path JAR = Path.of("target", "consumer-service.jar");

    @Test
    void acknowledgedPostsSurviveKillDashNineExactlyOnce() throws Exception {
        try (TestDatabase database = ConsumerTestSetup.database("ConsumerCrashIT")) {
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", ConsumerTestSetup.SECRET);
            environment.put("LOADSTACK_JOURNAL_DIR", ConsumerTestSetup.journalDir("crash").toString());
            // Short ticks, so that some posts are already in MySQL and some only in the journal at the kill.
            environment.put("LOADSTACK_FLUSH_INTERVAL", "1s");

            ServiceProcess first = ServiceProcess.start(JAR, environment);
            String uuid;
            AtomicLong acknowledgedRequests = new AtomicLong();
            AtomicLong acknowledgedPosts = new AtomicLong();
            try {
                assertTrue(first.awaitHealthy(Duration.ofSeconds(90)), first.output());
                uuid = ConsumerTestSetup.register(first.baseUrl(), token, "{\"testName\": \"crash\"}");
                ExecutorService generators = Executors.newFixedThreadPool(4);
                List<Future<?>> done = new ArrayList<>();
                for (int g = 0; g < 4; g++) {
                    String source = "gen-" + g;
                    done.add(generators.submit(() -> {
                        for (int seq = 0; seq < 150; seq++) {
                            int requests = 1 + (seq % 7);
                            String body = "{\"source\":\"" + source + "\",\"seq\":" + seq + ",\"users\":4,\"endpoints\":[{\"method\":\"GET\",\"name\":\"/x\",\"requests\":"
                                    + requests + ",\"failures\":0,\"responseTimes\":{\"25\":" + requests + "}}]}";
                            HttpCall.Response response = ConsumerTestSetup.stats(first.baseUrl(), token, uuid, body);
                            if (response.status() == 202) {
                                acknowledgedRequests.addAndGet(requests);
                                acknowledgedPosts.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
                generators.shutdown();
            } finally {
                first.kill9();
            }
            long writtenBeforeKill = ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue();
            System.out.printf("crash test: %d posts (%d requests) acknowledged; %d requests in MySQL at the kill%n",
                    acknowledgedPosts.get(), acknowledgedRequests.get(), writtenBeforeKill);
            assertEquals(600, acknowledgedPosts.get(), "every post was acknowledged before the kill");

            try (ServiceProcess second = ServiceProcess.start(JAR, environment)) {
                assertTrue(second.awaitHealthy(Duration.ofSeconds(90)), second.output());
                long inMySql = -1;
                for (int attempt = 0; attempt < 100 && inMySql != acknowledgedRequests.get(); attempt++) {
                    Thread.sleep(300);
                    inMySql = ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue();
                }
                assertEquals(acknowledgedRequests.get(), inMySql, "after the restart MySQL has every acknowledged request");
                // Two more ticks: the count must stay put (a replay must not add anything twice).
                Thread.sleep(2500);
                Map<String, Object> run = database.row("SELECT requests, status FROM runs WHERE uuid = ?", uuid);
                assertEquals(acknowledgedRequests.get(), ((Number) run.get("requests")).longValue());
                assertEquals("RUNNING", run.get("status"), "the run resumed its schedule");
                long recorded = ((Number) database.row("SELECT SUM(requests) AS n FROM run_intervals WHERE run_uuid = ? AND method = ''", uuid).get("n")).longValue();
                assertEquals(acknowledgedRequests.get(), recorded, "the 15-second records add up to the same total");
            }
        }
    }
}
