package io.loadstack.consumer.influx;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ReferencePercentiles;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The InfluxDB endpoints over HTTP against a real MariaDB, with bodies and headers in the exact shape
 * k6 and JMeter send them.
 */
class InfluxWriteTest extends ConsumerServerTest {

    private FlushJob flush;
    private UnmappedPoints unmapped;

    @Override
    protected void configure(Map<String, Object> properties) {
        properties.put("loadstack.influx.idle-timeout", "3s");
    }

    @BeforeAll
    void findTheWriter() {
        flush = bean(FlushJob.class);
        unmapped = bean(UnmappedPoints.class);
    }

    // ---- k6 in its own words -------------------------------------------------------------------

    /** What k6's v1 output writes for one request: four of its samples (k6 sorts tags and fields). */
    private static void k6Request(StringBuilder body, String testId, String method, String url, int status,
                                  double durationMs, long nanos, int vu, int iter) {
        String tags = ",expected_response=" + (status < 400) + ",method=" + method + ",name=" + url
                + ",proto=HTTP/1.1,scenario=default,status=" + status + (testId == null ? "" : ",testid=" + testId);
        String fields = "iter=" + iter + "i,url=\"" + url + "\",value=";
        String vuField = ",vu=" + vu + "i " + nanos + "\n";
        body.append("http_reqs").append(tags).append(' ').append(fields).append("1").append(vuField);
        body.append("http_req_duration").append(tags).append(' ').append(fields).append(durationMs).append(vuField);
        body.append("http_req_waiting").append(tags).append(' ').append(fields).append(durationMs * 0.9).append(vuField);
        body.append("http_req_failed").append(tags).append(' ').append(fields).append(status < 400 ? "0" : "1").append(vuField);
    }

    private static void k6Gauge(StringBuilder body, String testId, String metric, double value, long nanos) {
        body.append(metric).append(testId == null ? "" : ",testid=" + testId).append(" value=").append(value).append(' ').append(nanos).append('\n');
    }

    /** Simulated k6 traffic: per endpoint the raw durations, so the test knows the true percentiles. */
    private record Traffic(List<Double> all, Map<String, List<Double>> byUrl, int failures, List<String> bodies) {
    }

    private static Traffic k6Traffic(long seed, String testId, int batches, int requestsPerBatch) {
        Random random = new Random(seed);
        List<Double> all = new ArrayList<>();
        Map<String, List<Double>> byUrl = new java.util.TreeMap<>();
        List<String> bodies = new ArrayList<>();
        int failures = 0;
        long nanos = System.currentTimeMillis() * 1_000_000L;
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < requestsPerBatch; i++) {
                String url = random.nextInt(3) == 0 ? "http://target.local/login" : "http://target.local/cart";
                double typical = url.endsWith("login") ? 180 : 35;
                double ms = random.nextDouble() < 0.9 ? typical * (0.5 + random.nextDouble()) : typical * (2 + random.nextDouble() * 20);
                ms = Math.round(ms * 1000) / 1000.0;
                int status = random.nextInt(40) == 0 ? 500 : 200;
                failures += status >= 400 ? 1 : 0;
                all.add(ms);
                byUrl.computeIfAbsent(url, u -> new ArrayList<>()).add(ms);
                k6Request(body, testId, url.endsWith("login") ? "POST" : "GET", url, status, ms, nanos++, 1 + i % 10, b);
            }
            k6Gauge(body, testId, "vus", 10, nanos);
            k6Gauge(body, testId, "iterations", 1, nanos);
            bodies.add(body.toString());
        }
        return new Traffic(all, byUrl, failures, bodies);
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private String runOf(String origin, String tagKey, String tagValue) {
        Map<String, Object> run = database.row("SELECT r.uuid FROM runs r JOIN run_tags t ON t.run_uuid = r.uuid "
                + "WHERE r.origin = ? AND t.tag_key = ? AND t.tag_value = ? ORDER BY r.started_at DESC LIMIT 1", origin, tagKey, tagValue);
        assertNotNull(run, "no " + origin + " run with " + tagKey + "=" + tagValue);
        return (String) run.get("uuid");
    }

    @Test
    void k6V1WritesWithEmptyContentTypeBecomeARunWithExactCountsAndPercentilesThatCompletesWhenIdle() throws Exception {
        Traffic traffic = k6Traffic(11, null, 4, 400);
        String basic = Base64.getEncoder().encodeToString(("k6:" + token).getBytes(StandardCharsets.UTF_8));
        // k6 asks for its database first, without credentials in the query string
        HttpCall.Response created = HttpCall.method("POST", base + "/query?q=" + java.net.URLEncoder.encode("CREATE DATABASE \"k6\"", StandardCharsets.UTF_8),
                new byte[0]).header("Authorization", "Basic " + basic).send();
        assertEquals(200, created.status(), created.toString());
        assertEquals("{\"results\":[{\"statement_id\":0}]}", created.body());
        for (String body : traffic.bodies()) {
            // HttpCall.method sends no Content-Type at all, as k6 does
            HttpCall.Response response = HttpCall.method("POST", base + "/write?consistency=&db=k6&precision=&rp=",
                    body.getBytes(StandardCharsets.UTF_8)).header("Authorization", "Basic " + basic).header("User-Agent", "k6").send();
            assertEquals(204, response.status(), response.toString());
            assertEquals("1.8.10", response.header("X-Influxdb-Version"));
        }
        assertTrue(flush.flushNow());
        String uuid = runOf("k6", "testid", "k6");
        Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals("k6 test (k6)", run.get("name"));
        assertEquals(1600L, number(run, "requests"));
        assertEquals((long) traffic.failures(), number(run, "failures"));
        assertEquals(10L, number(run, "max_users"));
        for (double p : new double[]{50, 90, 95, 99}) {
            ReferencePercentiles.assertWithinOnePercent(ReferencePercentiles.of(traffic.all(), p), run.get("p" + (int) p + "_ms"), "run p" + p);
        }
        Map<String, Object> login = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'http://target.local/login'", uuid);
        assertEquals("POST", login.get("method"));
        assertEquals((long) traffic.byUrl().get("http://target.local/login").size(), number(login, "requests"));
        ReferencePercentiles.assertWithinOnePercent(ReferencePercentiles.of(traffic.byUrl().get("http://target.local/login"), 95), login.get("p95_ms"), "login p95");
        Map<String, Object> errors = database.row("SELECT SUM(occurrences) AS n FROM run_errors WHERE run_uuid = ? AND message = 'HTTP 500'", uuid);
        assertEquals((long) traffic.failures(), number(errors, "n"));

        // k6 never says it is done: three quiet seconds (the test's idle timeout) end the run
        Thread.sleep(3_500);
        assertTrue(flush.flushNow());
        run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals("COMPLETED", run.get("status"));
        assertEquals(1600L, number(run, "requests"));

        // what k6 sends beyond the mapped metrics is counted, not dropped
        unmapped.flush();
        Map<String, Object> waiting = database.row("SELECT * FROM influx_unmapped WHERE db = 'k6' AND measurement = 'http_req_waiting'");
        assertEquals(1600L, number(waiting, "points"));
        assertEquals(4L, number(database.row("SELECT * FROM influx_unmapped WHERE db = 'k6' AND measurement = 'iterations'"), "points"));
    }

    @Test
    void k6V2WritesWithATokenFromTwoGeneratorsMergeIntoOneRunByTestid() throws Exception {
        Traffic first = k6Traffic(21, "checkout-v2", 2, 300);
        Traffic second = k6Traffic(22, "checkout-v2", 2, 300);
        List<String> bodies = new ArrayList<>(first.bodies());
        bodies.addAll(second.bodies());
        for (String body : bodies) {
            HttpCall.Response response = HttpCall.method("POST", base + "/api/v2/write?org=loadstack&bucket=k6v2&precision=ns",
                    gzip(body.getBytes(StandardCharsets.UTF_8)))
                    .header("Authorization", "Token " + token)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .header("Content-Encoding", "gzip").send();
            assertEquals(204, response.status(), response.toString());
        }
        assertTrue(flush.flushNow());
        String uuid = runOf("k6", "testid", "checkout-v2");
        Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals("checkout-v2", run.get("name"));
        assertEquals(1200L, number(run, "requests"));
        assertEquals((long) first.failures() + second.failures(), number(run, "failures"));
        List<Double> all = new ArrayList<>(first.all());
        all.addAll(second.all());
        for (double p : new double[]{50, 95, 99}) {
            ReferencePercentiles.assertWithinOnePercent(ReferencePercentiles.of(all, p), run.get("p" + (int) p + "_ms"), "merged p" + p);
        }
    }

    // ---- JMeter in its own words ----------------------------------------------------------------

    @Test
    void jmeterBackendListenerLinesOpenAndCloseARunWithTransactionsFailuresAndErrors() {
        long ms = System.currentTimeMillis();
        String first = "events,application=shop,title=ApacheJMeter text=\"Checkout load started\" " + ms + "000000\n"
                + "jmeter,application=shop,transaction=Login,statut=all count=10,avg=120.5,min=80.0,max=400.0,hit=10,sb=1000,rb=5000,pct99.0=390.0,pct95.0=300.0,pct90.0=200.0 " + ms + "000000\n"
                + "jmeter,application=shop,transaction=Login,statut=ok count=9,avg=100.0,min=80.0,max=200.0,hit=10,sb=1000,rb=5000,pct99.0=200.0,pct95.0=200.0,pct90.0=190.0 " + ms + "000000\n"
                + "jmeter,application=shop,transaction=Login,statut=ko count=1,avg=400.0,min=400.0,max=400.0,hit=10,sb=1000,rb=5000,pct99.0=400.0,pct95.0=400.0,pct90.0=400.0 " + ms + "000000\n"
                + "jmeter,application=shop,transaction=Login,responseCode=500,responseMessage=Internal\\ Server\\ Error count=1 " + ms + "000000\n"
                + "jmeter,application=shop,transaction=C:\\cart\\add,statut=all count=5,avg=20.0,min=10.0,max=30.0,hit=5,sb=100,rb=200,pct99.0=30.0,pct95.0=30.0,pct90.0=28.0 " + ms + "000000\n"
                + "jmeter,application=shop,transaction=C:\\cart\\add,statut=ok count=5,avg=20.0,min=10.0,max=30.0,hit=5,sb=100,rb=200,pct99.0=30.0,pct95.0=30.0,pct90.0=28.0 " + ms + "000000\n"
                + "jmeter,application=shop,transaction=all,statut=all count=15,countError=1,avg=80.0,min=10.0,max=400.0,hit=15,sb=1100,rb=5200,pct99.0=390.0,pct95.0=300.0,pct90.0=200.0 " + ms + "000000\n"
                + "jmeter,application=shop,transaction=internal minAT=0,maxAT=5,meanAT=4,startedT=5,endedT=0 " + ms + "000000\n";
        HttpCall.Response response = HttpCall.method("POST", base + "/write?db=jmeter", first.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; charset=UTF-8").header("Authorization", "Token " + token).send();
        assertEquals(204, response.status(), response.toString());

        // teardownTest: the end annotation, then the last window, in one write
        String last = "events,application=shop,title=ApacheJMeter text=\"Checkout load ended\" " + (ms + 5000) + "000000\n"
                + "jmeter,application=shop,transaction=Login,statut=all count=4,avg=100.0,min=90.0,max=110.0,hit=4,sb=400,rb=2000,pct99.0=110.0,pct95.0=110.0,pct90.0=108.0 " + (ms + 5000) + "000000\n"
                + "jmeter,application=shop,transaction=Login,statut=ok count=4,avg=100.0,min=90.0,max=110.0,hit=4,sb=400,rb=2000,pct99.0=110.0,pct95.0=110.0,pct90.0=108.0 " + (ms + 5000) + "000000\n"
                + "jmeter,application=shop,transaction=internal minAT=0,maxAT=5,meanAT=2,startedT=5,endedT=5 " + (ms + 5000) + "000000\n";
        response = HttpCall.method("POST", base + "/write?db=jmeter", last.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; charset=UTF-8").header("Authorization", "Token " + token).send();
        assertEquals(204, response.status(), response.toString());

        String uuid = runOf("jmeter", "application", "shop");
        Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals("COMPLETED", run.get("status"), "the end annotation completes the run at once");
        assertEquals("shop – Checkout load", run.get("name"));
        assertEquals(19L, number(run, "requests"), "Login 10 + 4, cart 5; the transaction=all summary is not counted twice");
        assertEquals(1L, number(run, "failures"));
        assertEquals(4L, number(run, "max_users"));
        assertEquals("Checkout load", database.row("SELECT tag_value FROM run_tags WHERE run_uuid = ? AND tag_key = 'testTitle'", uuid).get("tag_value"));
        Map<String, Object> login = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'Login'", uuid);
        assertEquals("JMETER", login.get("method"));
        assertEquals(14L, number(login, "requests"));
        assertEquals(1L, number(login, "failures"));
        ReferencePercentiles.assertWithinOnePercent(80.0, login.get("min_ms"), "login min");
        ReferencePercentiles.assertWithinOnePercent(400.0, login.get("max_ms"), "login max");
        assertEquals(5L, number(database.row("SELECT requests FROM run_endpoints WHERE run_uuid = ? AND name = 'C:\\\\cart\\\\add'", uuid), "requests"),
                "JMeter's unescaped backslashes stay in the label");
        assertEquals("500 Internal Server Error", database.row("SELECT message FROM run_errors WHERE run_uuid = ?", uuid).get("message"));
    }

    @Test
    void jmeterSummaryOnlyListenerRecordsTheAllTransaction() {
        long ms = System.currentTimeMillis();
        String body = "events,application=summary,title=ApacheJMeter text=\"Smoke started\" " + ms + "000000\n"
                + "jmeter,application=summary,transaction=all,statut=all count=30,countError=3,avg=50.0,min=10.0,max=90.0,hit=30,sb=1,rb=1,pct90.0=80.0 " + ms + "000000\n"
                + "events,application=summary,title=ApacheJMeter text=\"Smoke ended\" " + ms + "000000\n";
        assertEquals(204, HttpCall.method("POST", base + "/write?db=jmeter", body.getBytes(StandardCharsets.UTF_8))
                .header("Authorization", "Token " + token).send().status());
        String uuid = runOf("jmeter", "application", "summary");
        Map<String, Object> all = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'all'", uuid);
        assertEquals(30L, number(all, "requests"));
        assertEquals(3L, number(all, "failures"));
        ReferencePercentiles.assertWithinOnePercent(50.0, ((Number) all.get("mean_ms")).doubleValue(), "the approximation keeps JMeter's average");
    }

    @Test
    void approximatedDistributionHitsJmetersPercentilesAndAverage() {
        RunSamplesBuilder.EndpointSamples endpoint = new RunSamplesBuilder.EndpointSamples();
        // min 10, p90 200, p95 300, p99 390, max 400, avg 80
        JmeterPointMapper.approximate(endpoint, 1000, new double[]{0, 10, 0.9, 200, 0.95, 300, 0.99, 390, 1, 400, 80});
        assertEquals(1000, endpoint.histogram.getTotalCount());
        ReferencePercentiles.assertWithinOnePercent(80, endpoint.histogram.getMean() / 1000, "mean");
        ReferencePercentiles.assertWithinOnePercent(200, endpoint.histogram.getValueAtPercentile(90) / 1000.0, "p90");
        ReferencePercentiles.assertWithinOnePercent(300, endpoint.histogram.getValueAtPercentile(95) / 1000.0, "p95");
        ReferencePercentiles.assertWithinOnePercent(10, endpoint.histogram.getMinValue() / 1000.0, "min");
    }

    // ---- the protocol's edges -------------------------------------------------------------------

    @Test
    void pingIsAnonymousAndAnswersLikeInfluxDb() throws Exception {
        HttpCall.Response get = HttpCall.get(base + "/ping").send();
        assertEquals(204, get.status(), get.toString());
        assertEquals("1.8.10", get.header("X-Influxdb-Version"));
        HttpCall.Response show = HttpCall.get(base + "/query?q=SHOW+DATABASES%3B+SHOW+MEASUREMENTS").send();
        assertEquals(200, show.status(), show.toString());
        assertEquals("{\"results\":[{\"statement_id\":0},{\"statement_id\":1}]}", show.body());
        java.net.http.HttpResponse<Void> head = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/ping")).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(204, head.statusCode());
        assertEquals("1.8.10", head.headers().firstValue("X-Influxdb-Version").orElse(null));
    }

    @Test
    void writesNeedAnIngestTokenInAnyOfTheInfluxClientsForms() {
        byte[] body = "cpu v=1\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, HttpCall.method("POST", base + "/write?db=x", body).send().status());
        assertEquals(401, HttpCall.method("POST", base + "/write?db=x", body).header("Authorization", "Token lst_wrong").send().status());
        assertEquals(204, HttpCall.method("POST", base + "/write?db=x&u=me&p=" + token, body).send().status());
        assertEquals(204, HttpCall.method("POST", base + "/api/v2/write?org=o&bucket=x", body).header("Authorization", "Token " + token).send().status());
    }

    @Test
    void aBatchWithBadLinesKeepsItsGoodOnesAndNamesTheFirstBadLine() throws Exception {
        StringBuilder body = new StringBuilder();
        long nanos = System.currentTimeMillis() * 1_000_000L;
        k6Request(body, "partial", "GET", "http://t/a", 200, 10.0, nanos, 1, 0);
        body.append("http_reqs,method=GET value=\n");
        k6Request(body, "partial", "GET", "http://t/a", 200, 20.0, nanos + 1, 1, 1);
        HttpCall.Response response = HttpCall.method("POST", base + "/write?db=k6", body.toString().getBytes(StandardCharsets.UTF_8))
                .header("Authorization", "Token " + token).send();
        assertEquals(400, response.status());
        assertEquals("unable to parse 'http_reqs,method=GET value=': missing field value", response.json().get("error"));
        assertTrue(flush.flushNow());
        assertEquals(2L, number(database.row("SELECT requests FROM runs WHERE uuid = ?", runOf("k6", "testid", "partial")), "requests"));
    }

    @Test
    void gzipBombsAndBrokenGzipAreRefusedClearly() throws IOException {
        byte[] bomb = gzip(new byte[100 * 1024 * 1024]);
        HttpCall.Response tooLarge = HttpCall.method("POST", base + "/write?db=x", bomb)
                .header("Content-Encoding", "gzip").header("Authorization", "Token " + token).send();
        assertEquals(413, tooLarge.status(), tooLarge.toString());
        // Micronaut inflates gzip itself and stops at micronaut.server.max-request-size (10 MB)
        assertTrue(((String) tooLarge.json().get("error")).contains("exceeds the maximum allowed content length"), tooLarge.body());
        byte[] broken = gzip("cpu v=1\n".getBytes(StandardCharsets.UTF_8));
        broken = java.util.Arrays.copyOf(broken, 40);
        new Random(5).nextBytes(broken);
        broken[0] = 0x1f;
        broken[1] = (byte) 0x8b;
        broken[2] = 8;
        broken[3] = 0;
        HttpCall.Response unreadable = HttpCall.method("POST", base + "/write?db=x", broken)
                .header("Content-Encoding", "gzip").header("Authorization", "Token " + token).send();
        assertEquals(400, unreadable.status(), unreadable.toString());
    }

    @Test
    void refusesAnUnknownPrecisionOrAMissingDatabase() {
        byte[] body = "cpu v=1\n".getBytes(StandardCharsets.UTF_8);
        HttpCall.Response precision = HttpCall.method("POST", base + "/write?db=x&precision=fortnight", body).header("Authorization", "Token " + token).send();
        assertEquals(400, precision.status());
        assertTrue(((String) precision.json().get("error")).startsWith("invalid precision"));
        assertEquals(400, HttpCall.method("POST", base + "/api/v2/write?org=o&bucket=b&precision=m", body).header("Authorization", "Token " + token).send().status());
        assertEquals(400, HttpCall.method("POST", base + "/write", body).header("Authorization", "Token " + token).send().status());
    }

    @Test
    void queryParametersLongerThanInfluxDbTakesAreA400() {
        byte[] body = "cpu v=1\n".getBytes(StandardCharsets.UTF_8);
        String name = "d".repeat(300);
        for (String path : List.of("/write?db=" + name, "/api/v2/write?org=o&bucket=" + name)) {
            HttpCall.Response response = HttpCall.method("POST", base + path, body).header("Authorization", "Token " + token).send();
            assertEquals(400, response.status(), path + ": " + response);
            assertTrue(response.json().get("error") instanceof String, response.toString());
        }
        HttpCall.Response query = HttpCall.post(base + "/query?q=" + "x".repeat(2_001), "").send();
        assertEquals(400, query.status(), query.toString());
    }

    @Test
    void anyContentTypeIsReadAsLineProtocolIncludingCurlsFormDefault() {
        for (String contentType : List.of("application/x-www-form-urlencoded", "application/json", "text/plain", "application/octet-stream")) {
            byte[] body = ("ctype,kind=" + contentType.replace('/', '_') + " v=1 1\nbroken\n").getBytes(StandardCharsets.UTF_8);
            HttpCall.Response response = HttpCall.method("POST", base + "/write?db=ctype", body)
                    .header("Content-Type", contentType).header("Authorization", "Token " + token).send();
            assertEquals(400, response.status(), contentType + ": " + response);
            assertEquals("unable to parse 'broken': missing fields", response.json().get("error"), contentType);
        }
    }

    @Test
    void binaryGarbageIsABadRequestNotAServerError() {
        byte[] garbage = new byte[64 * 1024];
        new Random(3).nextBytes(garbage);
        HttpCall.Response response = HttpCall.method("POST", base + "/write?db=x", garbage)
                .header("Content-Type", "application/octet-stream").header("Authorization", "Token " + token).send();
        assertEquals(400, response.status(), response.toString());
        assertTrue(((String) response.json().get("error")).startsWith("unable to parse '"));
    }

    @Test
    void unmappedMeasurementsAreCountedWithAnExample() {
        byte[] body = "weather,city=Bern temperature=12.5 1\nweather,city=Basel temperature=14 2\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(204, HttpCall.method("POST", base + "/write?db=misc", body).header("Authorization", "Token " + token).send().status());
        unmapped.flush();
        Map<String, Object> row = database.row("SELECT * FROM influx_unmapped WHERE db = 'misc' AND measurement = 'weather'");
        assertEquals(2L, number(row, "points"));
        assertEquals("weather,city=Bern temperature", row.get("example"));
        assertNull(database.row("SELECT * FROM runs WHERE origin = 'influx'"), "no run for data no mapping understands");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
