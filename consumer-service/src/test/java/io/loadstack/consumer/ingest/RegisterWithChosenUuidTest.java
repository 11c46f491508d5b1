package io.loadstack.consumer.ingest;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A launch's agents name the run the launch chose: the first register creates it, the others join it. */
class RegisterWithChosenUuidTest extends ConsumerServerTest {

    private FlushJob flush;
    private String bobToken;

    @Override
    protected void configure(Map<String, Object> properties) {
        // A finished run is forgotten as soon as MySQL holds it: MySQL alone must then refuse a join.
        properties.put("loadstack.keep-finished-runs", "0");
    }

    @BeforeAll
    void setUp() {
        flush = bean(FlushJob.class);
        bobToken = ConsumerTestSetup.userWithToken(database, "bob");
    }

    private HttpCall.Response registerAs(String ingestToken, String uuid) {
        return HttpCall.post(url("/apiv0.1/events/register"),
                        "{\"startedAt\": \"2026-11-23T10:00:00Z\", \"host\": \"agent-eu-1\", \"uuid\": \"" + uuid + "\", "
                                + "\"measurement\": {\"tags\": {\"testName\": \"launch 7\", \"targetHost\": \"http://shop\"}}}")
                .header("Authorization", "Token " + ingestToken).send();
    }

    private HttpCall.Response registerAs(String uuid) {
        return registerAs(token, uuid);
    }

    private static String statsBody(String source, long seq, int requests, int failures) {
        return "{\"source\": \"" + source + "\", \"seq\": " + seq + ", \"users\": 5, \"endpoints\": [{\"method\": \"GET\", "
                + "\"name\": \"/cart\", \"requests\": " + requests + ", \"failures\": " + failures
                + ", \"responseTimes\": {\"10\": " + requests + "}}]}";
    }

    private long runCount(String uuid) {
        return ((Number) database.row("SELECT COUNT(*) AS n FROM runs WHERE uuid = ?", uuid).get("n")).longValue();
    }

    @Test
    void createWithChosenUuid() {
        String uuid = UUID.randomUUID().toString();
        HttpCall.Response created = registerAs(uuid);
        assertEquals(201, created.status(), created.toString());
        assertEquals(uuid, created.json().get("uuid"));
        Map<String, Object> run = database.row("SELECT owner_id, status, name FROM runs WHERE uuid = ?", uuid);
        assertNotNull(run, "the run is in MySQL under the chosen uuid");
        assertEquals("RUNNING", run.get("status"));
        assertEquals("launch 7", run.get("name"));
    }

    @Test
    void joinIsIdempotent() throws Exception {
        String uuid = UUID.randomUUID().toString();
        assertEquals(201, registerAs(uuid).status());
        assertEquals(202, stats(uuid, statsBody("agent-1", 1, 10, 0)).status());
        for (int i = 0; i < 3; i++) {
            HttpCall.Response joined = registerAs(uuid);
            assertEquals(200, joined.status(), joined.toString());
            assertEquals(uuid, joined.json().get("uuid"));
        }
        flush.flushNow();
        assertEquals(1, runCount(uuid));
        assertEquals(10L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue(),
                "joining leaves what the run has");

        restart();
        flush = bean(FlushJob.class);
        assertEquals(200, registerAs(uuid).status(), "after a restart (the journal replayed) the run is still joined, not made anew");
        flush.flushNow();
        assertEquals(10L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue());
        assertEquals("RUNNING", database.row("SELECT status FROM runs WHERE uuid = ?", uuid).get("status"));
    }

    @Test
    void joinAFinishedRunIsRefused() throws Exception {
        String uuid = UUID.randomUUID().toString();
        assertEquals(201, registerAs(uuid).status());
        assertEquals(200, commit(uuid).status());
        HttpCall.Response refused = registerAs(uuid);
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.json().containsKey("error"));

        flush.flushNow(); // the recorder forgets it (keep-finished-runs 0): MySQL answers now
        HttpCall.Response refusedFromMySql = registerAs(uuid);
        assertEquals(409, refusedFromMySql.status(), refusedFromMySql.toString());
        assertEquals("COMPLETED", database.row("SELECT status FROM runs WHERE uuid = ?", uuid).get("status"), "not reopened");

        restart();
        flush = bean(FlushJob.class);
        flush.flushNow();
        assertEquals("COMPLETED", database.row("SELECT status FROM runs WHERE uuid = ?", uuid).get("status"),
                "a replay of the refused joins does not reopen it");
        assertEquals(409, registerAs(uuid).status());
    }

    @Test
    void joinAnotherUsersRunIsRefused() throws Exception {
        String uuid = UUID.randomUUID().toString();
        assertEquals(201, registerAs(uuid).status());
        HttpCall.Response refused = registerAs(bobToken, uuid);
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.json().containsKey("error"));
        flush.flushNow();
        assertEquals(((Number) database.row("SELECT id FROM users WHERE username = 'alice'").get("id")).longValue(),
                ((Number) database.row("SELECT owner_id FROM runs WHERE uuid = ?", uuid).get("owner_id")).longValue());
    }

    @Test
    void aUuidThatIsNotLowercaseCanonicalIsRefused() {
        for (String bad : List.of(UUID.randomUUID().toString().toUpperCase(), "not-a-uuid", "",
                UUID.randomUUID().toString().replace("-", ""))) {
            HttpCall.Response refused = registerAs(bad);
            assertEquals(400, refused.status(), bad + ": " + refused);
            assertTrue(refused.json().containsKey("error"));
        }
    }

    @Test
    void concurrentJoinsMakeOneRun() throws Exception {
        String uuid = UUID.randomUUID().toString();
        int agents = 8;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return registerAs(uuid).status();
                }));
            }
            go.countDown();
            int created = 0;
            int joined = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                created += status == 201 ? 1 : 0;
                joined += status == 200 ? 1 : 0;
            }
            assertEquals(1, created, "exactly one agent created the run");
            assertEquals(agents - 1, joined, "the others joined it");
        } finally {
            pool.shutdownNow();
        }
        flush.flushNow();
        assertEquals(1, runCount(uuid));
    }

    @Test
    void threeSourcesPostingAtOnceAddUp() throws Exception {
        String uuid = UUID.randomUUID().toString();
        List<String> sources = List.of("agent-eu-1", "agent-eu-2", "agent-us-1");
        int posts = 40;
        ExecutorService pool = Executors.newFixedThreadPool(sources.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> sent = new ArrayList<>();
            for (int s = 0; s < sources.size(); s++) {
                String source = sources.get(s);
                int perPost = 3 + s;
                Callable<Long> agent = () -> {
                    int status = registerAs(uuid).status();
                    if (status != 201 && status != 200) {
                        throw new AssertionError(source + " could not register: " + status);
                    }
                    go.await();
                    long requests = 0;
                    for (int seq = 0; seq < posts; seq++) {
                        HttpCall.Response response = stats(uuid, statsBody(source, seq, perPost, 1));
                        if (response.status() != 202) {
                            throw new AssertionError(source + " post " + seq + ": " + response);
                        }
                        requests += perPost;
                    }
                    return requests;
                };
                sent.add(pool.submit(agent));
            }
            go.countDown();
            long expected = 0;
            for (Future<Long> agent : sent) {
                expected += agent.get();
            }
            flush.flushNow();
            Map<String, Object> run = database.row("SELECT requests, failures FROM runs WHERE uuid = ?", uuid);
            assertEquals(expected, ((Number) run.get("requests")).longValue());
            assertEquals((long) posts * sources.size(), ((Number) run.get("failures")).longValue());
            assertEquals(expected, ((Number) database.row(
                    "SELECT SUM(requests) AS n FROM run_intervals WHERE run_uuid = ? AND method = ''", uuid).get("n")).longValue());
        } finally {
            pool.shutdownNow();
        }
    }
}
