package io.loadstack.consumer.ingest;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ReferencePercentiles;
import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLifecycleTest extends ConsumerServerTest {

    private FlushJob flush;

    @Override
    protected void configure(Map<String, Object> properties) {
        properties.put("loadstack.ingest-token-cache", "200ms");
    }

    @BeforeAll
    void findTheWriter() {
        flush = bean(FlushJob.class);
    }

    /** One generator's post: the given raw response times (ms) as a Locust-style histogram. */
    private static String statsBody(String source, long seq, int users, Map<String, List<Integer>> timesByEndpoint, int failures) {
        StringJoiner endpoints = new StringJoiner(",");
        timesByEndpoint.forEach((name, times) -> {
            Map<Integer, Integer> histogram = new java.util.TreeMap<>();
            times.forEach(t -> histogram.merge(t, 1, Integer::sum));
            StringJoiner buckets = new StringJoiner(",");
            histogram.forEach((ms, count) -> buckets.add("\"" + ms + "\":" + count));
            endpoints.add("{\"method\":\"GET\",\"name\":\"" + name + "\",\"requests\":" + times.size()
                    + ",\"failures\":" + failures + ",\"responseTimes\":{" + buckets + "},\"errors\":{\"HTTPError 500\":" + failures + "}}");
        });
        return "{\"source\":\"" + source + "\",\"seq\":" + seq + ",\"users\":" + users + ",\"endpoints\":[" + endpoints + "]}";
    }

    private static List<Integer> randomTimes(Random random, int count, int typical) {
        List<Integer> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Long-tailed like real latencies: mostly near typical, some far slower.
            double factor = random.nextDouble() < 0.9 ? 0.5 + random.nextDouble() : 2 + random.nextDouble() * 20;
            times.add((int) Math.max(1, typical * factor));
        }
        return times;
    }

    @Test
    void twoGeneratorsMergeIntoRecordsWithExactPercentilesAndTheRunIsNotAnAverage() throws Exception {
        String uuid = register("{\"targetHost\": \"http://10.10.10.1\", \"mode\": \"distributed\", \"testName\": \"checkout\", \"env\": \"staging\"}");
        Random random = new Random(42);
        List<Integer> all = new ArrayList<>();
        List<Integer> firstInterval = new ArrayList<>();
        long seq = 0;
        for (String generator : List.of("loadgen-1", "loadgen-2")) {
            for (int post = 0; post < 3; post++) {
                List<Integer> cart = randomTimes(random, 200, generator.endsWith("1") ? 40 : 90);
                List<Integer> login = randomTimes(random, 50, 300);
                HttpCall.Response response = stats(uuid,
                        statsBody(generator, seq++, 25, Map.of("/cart", cart, "/login", login), 1));
                assertEquals(202, response.status(), response.toString());
                firstInterval.addAll(cart);
                firstInterval.addAll(login);
            }
        }
        all.addAll(firstInterval);
        assertTrue(flush.flushNow());

        Map<String, Object> record = database.row("SELECT * FROM run_intervals WHERE run_uuid = ? AND seq = 0 AND method = ''", uuid);
        assertEquals(1500L, ((Number) record.get("requests")).longValue());
        assertEquals(12L, ((Number) record.get("failures")).longValue());
        assertEquals(25, ((Number) record.get("users")).intValue(), "users as last reported");
        assertEquals(Boolean.FALSE, asBoolean(record.get("empty")));
        assertNotNull(record.get("histogram"));
        for (double p : new double[]{50, 90, 95, 99}) {
            ReferencePercentiles.assertWithinOnePercent(ReferencePercentiles.of(firstInterval, p), record.get("p" + (int) p + "_ms"), "interval p" + p);
        }
        Map<String, Object> login = database.row("SELECT * FROM run_intervals WHERE run_uuid = ? AND seq = 0 AND name = '/login'", uuid);
        assertEquals(300L, ((Number) login.get("requests")).longValue());

        // A second, much slower interval: the run's p95 must be the p95 of all values, not a mean of two p95s.
        List<Integer> slow = randomTimes(random, 500, 2000);
        assertEquals(202, stats(uuid, statsBody("loadgen-1", seq++, 50, Map.of("/cart", slow), 0)).status());
        all.addAll(slow);
        assertTrue(flush.flushNow());
        Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals(2000L, ((Number) run.get("requests")).longValue());
        for (double p : new double[]{50, 95, 99}) {
            ReferencePercentiles.assertWithinOnePercent(ReferencePercentiles.of(all, p), run.get("p" + (int) p + "_ms"), "whole-run p" + p);
        }
        assertEquals("checkout", run.get("name"));
        assertEquals("RUNNING", run.get("status"));
        assertEquals("http://10.10.10.1", run.get("target_host"));
        assertTrue(((String) run.get("tags")).contains("\"env\":\"staging\""), "extra tags are kept: " + run.get("tags"));
        assertEquals("staging", database.row("SELECT tag_value FROM run_tags WHERE run_uuid = ? AND tag_key = 'env'", uuid).get("tag_value"));
        assertEquals(12L, ((Number) database.row("SELECT SUM(occurrences) AS n FROM run_errors WHERE run_uuid = ?", uuid).get("n")).longValue());
    }

    @Test
    void commitCompletesTheRunAndEverythingAfterIsAConflict() throws Exception {
        String uuid = register("{\"targetHost\": \"http://t\", \"mode\": \"single\"}");
        long runningBefore = running();
        assertEquals(202, stats(uuid, statsBody("g", 1, 5, Map.of("/a", List.of(10, 20, 30)), 0)).status());
        HttpCall.Response committed = commit(uuid);
        assertEquals(200, committed.status(), committed.toString());
        assertEquals("COMPLETED", committed.json().get("status"));
        assertEquals(runningBefore - 1, running());

        Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals("COMPLETED", run.get("status"));
        assertEquals(3L, ((Number) run.get("requests")).longValue());
        assertNotNull(run.get("ended_at"));
        assertTrue(((String) run.get("final_stats")).contains("num_requests"));
        assertEquals(3L, ((Number) database.row("SELECT requests FROM run_intervals WHERE run_uuid = ? AND method = ''", uuid).get("requests")).longValue(),
                "the commit wrote the last record");

        HttpCall.Response again = commit(uuid);
        assertEquals(409, again.status());
        assertTrue(again.json().containsKey("error"));
        assertEquals(409, stats(uuid, statsBody("g", 2, 5, Map.of("/a", List.of(10)), 0)).status());
        flush.flushNow();
        assertEquals(1L, ((Number) database.row("SELECT COUNT(*) AS n FROM run_intervals WHERE run_uuid = ? AND method = ''", uuid).get("n")).longValue(),
                "a committed run's schedule has stopped");
    }

    @Test
    void aRetriedPostWithTheSameSourceAndSeqIsCountedOnce() throws Exception {
        String uuid = register("{}");
        String body = statsBody("gen", 7, 5, Map.of("/a", List.of(10, 11, 12, 13)), 0);
        HttpCall.Response first = stats(uuid, body);
        HttpCall.Response retry = stats(uuid, body);
        assertEquals(202, first.status());
        assertEquals(202, retry.status(), "a retry is acknowledged");
        assertEquals(Boolean.TRUE, first.json().get("counted"));
        assertEquals(Boolean.FALSE, retry.json().get("counted"));
        assertEquals(202, stats(uuid, statsBody("other-gen", 7, 5, Map.of("/a", List.of(10)), 0)).status());
        flush.flushNow();
        assertEquals(5L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue());
    }

    @Test
    void emptyNamesAndTagsAreStoredAsTheyCameAndDoNotStopTheWriter() throws Exception {
        String uuid = register("{\"testName\": \"\", \"targetHost\": \"\", \"env\": \"\"}");
        HttpCall.Response response = stats(uuid, "{\"source\": \"\", \"endpoints\": [{\"method\": \"GET\", \"name\": \"/a\", "
                + "\"requests\": 2, \"failures\": 1, \"responseTimes\": {\"12\": 2}, \"errors\": {\"\": 1}}]}");
        assertEquals(202, response.status(), response.toString());
        flush.flushNow();
        Map<String, Object> run = database.row("SELECT name, requests, failures FROM runs WHERE uuid = ?", uuid);
        assertNotNull(run, "the run is in MySQL");
        assertEquals("load test of loadgen-1", run.get("name"), "a blank test name is no name");
        assertEquals(2L, ((Number) run.get("requests")).longValue());
        assertEquals("", database.row("SELECT tag_value FROM run_tags WHERE run_uuid = ? AND tag_key = 'env'", uuid).get("tag_value"));
        String next = register("{}");
        flush.flushNow();
        assertNotNull(database.row("SELECT uuid FROM runs WHERE uuid = ?", next), "the writer goes on with the next run");
    }

    @Test
    void anIntervalWithoutDataStillGetsARecordFlaggedEmpty() throws Exception {
        String uuid = register("{}");
        flush.flushNow();
        Map<String, Object> record = database.row("SELECT * FROM run_intervals WHERE run_uuid = ? AND method = ''", uuid);
        assertNotNull(record, "a record for the silent interval");
        assertEquals(Boolean.TRUE, asBoolean(record.get("empty")));
        assertEquals(0L, ((Number) record.get("requests")).longValue());
    }

    @Test
    void everyRunningRunGetsExactlyItsOwnRecordAtEachTick() throws Exception {
        // Runs close in parallel at a tick: each record must hold its own run's numbers, once.
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String uuid = register("{}");
            List<Integer> times = Collections.nCopies(i + 1, 10 + i);
            assertEquals(202, stats(uuid, statsBody("g", 1, i + 1, Map.of("/a", times), 0)).status());
            uuids.add(uuid);
        }
        assertTrue(flush.flushNow());
        assertTrue(flush.flushNow());

        for (int i = 0; i < uuids.size(); i++) {
            String uuid = uuids.get(i);
            Map<String, Object> counts = database.row("""
                    SELECT COUNT(*) AS records, SUM(seq = 0) AS first, SUM(seq = 1 AND empty) AS silent,
                           SUM(CASE WHEN seq = 0 THEN requests END) AS requests, MAX(CASE WHEN seq = 0 THEN p50_ms END) AS p50
                    FROM run_intervals WHERE run_uuid = ? AND method = ''""", uuid);
            assertEquals(2L, ((Number) counts.get("records")).longValue(), "run " + i + ": one record per tick");
            assertEquals(1L, ((Number) counts.get("first")).longValue(), "run " + i);
            assertEquals(1L, ((Number) counts.get("silent")).longValue(), "run " + i + ": the second interval was silent");
            assertEquals(i + 1L, ((Number) counts.get("requests")).longValue(), "run " + i + ": its own requests");
            ReferencePercentiles.assertWithinOnePercent(10 + i, counts.get("p50"), "run " + i + ": its own p50");
            assertEquals(i + 1L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue());
        }
    }

    @Test
    void rawResponseTimesAreAcceptedToo() throws Exception {
        String uuid = register("{}");
        String body = "{\"source\":\"k\",\"users\":3,\"endpoints\":[{\"method\":\"post\",\"name\":\"/pay\",\"requests\":4,\"failures\":1,\"responseTimes\":[10.5,20.25,30,1000]}]}";
        assertEquals(202, stats(uuid, body).status());
        flush.flushNow();
        Map<String, Object> endpoint = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ?", uuid);
        assertEquals("POST", endpoint.get("method"));
        assertEquals(4L, ((Number) endpoint.get("requests")).longValue());
        ReferencePercentiles.assertWithinOnePercent(1000, endpoint.get("max_ms"), "max");
        ReferencePercentiles.assertWithinOnePercent(10.5, endpoint.get("min_ms"), "min");
    }

    @Test
    void isRunningCountsTheRunsBeingRecorded() {
        long before = running();
        String uuid = register("{}");
        assertEquals(before + 1, running());
        assertEquals(before + 1, ((Number) HttpCall.get(base + "/apiv0.1/events/isrunning").header("Authorization", "Token " + token)
                .send().json().get("running")).longValue());
        commit(uuid);
        assertEquals(before, running());
    }

    @Test
    void theTokenIsAcceptedInEveryFormInfluxClientsUse() {
        String uuid = register("{}");
        String body = "{\"endpoints\":[]}";
        String url = base + "/apiv0.1/events/" + uuid + "/stats";
        assertEquals(202, HttpCall.post(url, body).header("Authorization", "Token " + token).send().status());
        assertEquals(202, HttpCall.post(url, body).header("Authorization", "Bearer " + token).send().status());
        String basic = Base64.getEncoder().encodeToString(("jmeter:" + token).getBytes(StandardCharsets.UTF_8));
        assertEquals(202, HttpCall.post(url, body).header("Authorization", "Basic " + basic).send().status());
        assertEquals(202, HttpCall.post(url + "?u=k6&p=" + token, body).send().status());
    }

    @Test
    void aRevokedTokenStopsWorkingWithinSeconds() throws Exception {
        String revocable = ConsumerTestSetup.userWithToken(database, "bob");
        String uuid = ConsumerTestSetup.register(base, revocable, "{}");
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE ingest_tokens SET revoked_at = NOW(3) WHERE user_id = (SELECT id FROM users WHERE username = 'bob')");
        }
        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 401; attempt++) {
            Thread.sleep(100);
            status = ConsumerTestSetup.stats(base, revocable, uuid, "{\"endpoints\":[]}").status();
        }
        assertEquals(401, status);
        assertNotNull(database.row("SELECT last_used_at FROM ingest_tokens WHERE token_prefix = ?", revocable.substring(0, 10)).get("last_used_at"));
    }

    @Test
    void anotherUsersTokenCannotPostToOrCommitARun() {
        String uuid = register("{}");
        String mallory = ConsumerTestSetup.userWithToken(database, "mallory");
        HttpCall.Response stats = ConsumerTestSetup.stats(base, mallory, uuid, "{\"endpoints\":[]}");
        assertEquals(403, stats.status());
        assertTrue(stats.json().containsKey("error"));
        assertEquals(403, ConsumerTestSetup.commit(base, mallory, uuid).status());
        assertEquals(202, stats(uuid, "{\"endpoints\":[]}").status(), "the owner still can");
    }

    private long running() {
        HttpCall.Response response = HttpCall.get(base + "/events/isrunning").header("Authorization", "Token " + token).send();
        assertEquals(200, response.status(), response.toString());
        return ((Number) response.json().get("running")).longValue();
    }

    private static Boolean asBoolean(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }

    @Test
    void healthcheckReportsTheConsumer() {
        HttpCall.Response health = HttpCall.get(base + "/api/healthcheck").send();
        assertEquals(200, health.status());
        assertEquals("consumer-service", health.json().get("service"));
        assertFalse(health.body().contains(ConsumerTestSetup.SECRET));
    }
}
