package io.loadstack.api.runs;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunControllerTest extends ApiServerTest {

    /** Runs that single tests add start here, before the time the list tests look at. */
    private static final Instant SCRATCH = Instant.parse("2020-01-01T00:00:00Z");
    private static final String LISTED = "from=2026-01-01";

    private final RunFixtures fixtures = new RunFixtures(database);

    private String user;
    private String checkout;
    private String search;
    private String running;
    private String abandoned;

    @Override
    public Map<String, String> getProperties() {
        RunFixtures.createTables(database);
        return super.getProperties();
    }

    @BeforeAll
    void setUp() {
        assertEquals(201, HttpCall.post(url("/api/users"), "{\"username\":\"reader\",\"password\":\"reader-password\"}")
                .bearer(admin).send().status());
        user = ApiTestServer.login(server.getURL().toString(), "reader", "reader-password");
        checkout = fixtures.insert(RunFixtures.run().name("checkout, nightly").tag("env", "prod").tag("team", "payments")
                .startedAt(Instant.parse("2026-11-20T10:00:00Z")));
        search = fixtures.insert(RunFixtures.run().name("search 100% load").startedAt(Instant.parse("2026-11-21T10:00:00Z"))
                .p95(200).failuresPerRecord(150).requestsPerRecord(1200));
        running = fixtures.insert(RunFixtures.run().name("soak").status("RUNNING").startedAt(Instant.parse("2026-11-22T10:00:00Z"))
                .tag("targetHost", "http://10.0.0.1:8080"));
        abandoned = fixtures.insert(RunFixtures.run().name("=cmd|' /C calc'!A0").status("ABANDONED")
                .startedAt(Instant.parse("2026-11-19T10:00:00Z")).noTags().records(0).failuresPerRecord(0));
    }

    private HttpCall.Response get(String path) {
        return HttpCall.get(url(path)).bearer(user).send();
    }

    @Test
    void detailHasTotalsPercentilesTagsAndOwner() {
        HttpCall.Response response = get("/api/runs/" + checkout);
        assertEquals(200, response.status(), response.toString());
        Map<String, Object> run = response.json();
        assertEquals(checkout, run.get("uuid"));
        assertEquals("checkout, nightly", run.get("name"));
        assertEquals("COMPLETED", run.get("status"));
        assertEquals("admin", run.get("owner"));
        assertEquals("2026-11-20T10:00:00Z", run.get("startedAt"));
        assertEquals("2026-11-20T10:01:00Z", run.get("endedAt"));
        assertEquals(6000, ((Number) run.get("requests")).intValue());
        assertEquals(60, ((Number) run.get("failures")).intValue());
        assertEquals(0.01, ((Number) run.get("errorRate")).doubleValue(), 1e-9);
        assertEquals(100.0, ((Number) run.get("rps")).doubleValue(), 1e-9, "6000 requests over 60 s");
        assertEquals(60.0, ((Number) run.get("durationSeconds")).doubleValue(), 1e-9);
        assertEquals(120.0, ((Number) run.get("p95")).doubleValue(), 1e-9);
        assertEquals(60.0, ((Number) run.get("p50")).doubleValue(), 1e-9);
        assertEquals(180.0, ((Number) run.get("p99")).doubleValue(), 1e-9);
        assertEquals(Map.of("env", "prod", "team", "payments"), run.get("tags"));
        assertEquals("http://10.10.10.1", run.get("targetHost"));
    }

    @Test
    void aRunWithoutDataHasNoPercentilesAndNoEndTimeWhileRunning() {
        Map<String, Object> empty = get("/api/runs/" + abandoned).json();
        assertTrue(empty.containsKey("p95"));
        assertNull(empty.get("p95"));
        assertEquals(0.0, ((Number) empty.get("errorRate")).doubleValue());
        Map<String, Object> live = get("/api/runs/" + running).json();
        assertEquals("RUNNING", live.get("status"));
        assertNull(live.get("endedAt"));
        assertTrue(((Number) live.get("durationSeconds")).doubleValue() > 60, "a running run lasts until now");
    }

    @Test
    void seriesListsTheWholeRunRecordsInOrder() {
        List<Map<String, Object>> series = get("/api/runs/" + checkout + "/series").jsonList();
        assertEquals(4, series.size(), "whole-run rows only, no endpoint rows");
        for (int i = 0; i < 4; i++) {
            Map<String, Object> point = series.get(i);
            assertEquals(i, ((Number) point.get("seq")).intValue());
            assertEquals(Instant.parse("2026-11-20T10:00:00Z").plusSeconds(15L * i).toString(), point.get("start"));
            assertEquals(1500, ((Number) point.get("requests")).intValue());
            assertEquals(100.0, ((Number) point.get("rps")).doubleValue(), 1e-9);
            assertEquals(120.0 + i, ((Number) point.get("p95")).doubleValue(), 1e-9);
            assertEquals(50, ((Number) point.get("users")).intValue());
            assertEquals(false, point.get("empty"));
            assertTrue(point.containsKey("p50") && point.containsKey("p90") && point.containsKey("p99") && point.containsKey("failures"));
        }
        assertTrue(get("/api/runs/" + abandoned + "/series").jsonList().isEmpty());
    }

    @Test
    void endpointsHaveTotalsAndRatesBusiestFirst() {
        List<Map<String, Object>> endpoints = get("/api/runs/" + checkout + "/endpoints").jsonList();
        assertEquals(2, endpoints.size());
        Map<String, Object> cart = endpoints.get(0);
        assertEquals("GET", cart.get("method"));
        assertEquals("/cart", cart.get("name"));
        assertEquals(4000, ((Number) cart.get("requests")).intValue());
        assertEquals(40, ((Number) cart.get("failures")).intValue());
        assertEquals(4000 / 60.0, ((Number) cart.get("rps")).doubleValue(), 1e-9);
        for (String key : List.of("min", "mean", "p50", "p90", "p95", "p99", "max", "errorRate")) {
            assertInstanceOf(Number.class, cart.get(key), key);
        }
        assertEquals("/checkout", endpoints.get(1).get("name"));
    }

    @Test
    void errorsAreGroupedByMessage() {
        List<Map<String, Object>> errors = get("/api/runs/" + search + "/errors").jsonList();
        assertEquals(1, errors.size());
        assertEquals("POST", errors.get(0).get("method"));
        assertEquals(600, ((Number) errors.get(0).get("occurrences")).intValue());
        assertTrue(((String) errors.get(0).get("message")).contains("503"));
    }

    @Test
    void listIsNewestFirstAndPaged() {
        HttpCall.Response listed = get("/api/runs?" + LISTED);
        Map<String, Object> all = listed.json();
        assertTrue(all.containsKey("items"), listed.body());
        assertEquals(4, ((Number) all.get("total")).intValue());
        assertEquals(0, ((Number) all.get("page")).intValue());
        assertEquals(25, ((Number) all.get("size")).intValue());
        assertEquals(List.of(running, search, checkout, abandoned), uuids(all));
        Map<String, Object> first = ((List<Map<String, Object>>) all.get("items")).get(1);
        assertEquals("search 100% load", first.get("name"), "items carry the same fields as the detail");
        assertInstanceOf(Number.class, first.get("p95"));

        Map<String, Object> second = get("/api/runs?page=1&size=3&" + LISTED).json();
        assertEquals(List.of(abandoned), uuids(second));
        assertEquals(4, ((Number) second.get("total")).intValue());
        assertTrue(uuids(get("/api/runs?page=5&size=3&" + LISTED).json()).isEmpty());
    }

    @Test
    void listFiltersByStatusTagTextAndTime() {
        assertEquals(List.of(running), uuids(get("/api/runs?" + LISTED + "&status=running").json()));
        assertEquals(List.of(running, abandoned), uuids(get("/api/runs?" + LISTED + "&status=RUNNING,ABANDONED").json()));
        assertEquals(List.of(checkout), uuids(get("/api/runs?" + LISTED + "&tag=env:prod").json()));
        assertEquals(List.of(checkout), uuids(get("/api/runs?" + LISTED + "&tag=env:prod&tag=team:payments").json()));
        assertEquals(List.of(), uuids(get("/api/runs?" + LISTED + "&tag=env:prod&tag=team:search").json()));
        assertEquals(List.of(running), uuids(get("/api/runs?" + LISTED + "&tag=" + enc("targetHost:http://10.0.0.1:8080")).json()),
                "a value may hold colons");
        assertEquals(List.of(search), uuids(get("/api/runs?" + LISTED + "&q=" + enc("100%")).json()), "% is matched literally");
        assertEquals(List.of(), uuids(get("/api/runs?" + LISTED + "&q=" + enc("_")).json()), "_ is matched literally");
        assertEquals(List.of(checkout), uuids(get("/api/runs?" + LISTED + "&q=CHECKOUT").json()), "case-insensitive");
        assertEquals(List.of(search, checkout), uuids(get("/api/runs?from=2026-11-20T00:00:00Z&to=2026-11-21T12:00:00Z").json()));
        assertEquals(List.of(search), uuids(get("/api/runs?from=2026-11-21&to=2026-11-21").json()), "dates are whole UTC days");
        assertEquals(List.of(running), uuids(get("/api/runs?from=" + enc("2026-11-22T11:00:00+02:00")).json()));
        assertEquals(List.of(checkout), uuids(get("/api/runs?status=COMPLETED&tag=env:prod&q=nightly&from=2026-11-01").json()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status=DONE", "tag=env", "tag=:x", "from=yesterday", "to=2026-13-01", "page=-1", "page=abc",
            "size=0", "size=201", "from=2026-11-22&to=2026-11-20", "q=%27%20OR%201=1%20--%20xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void badFilterValuesAre400WithAMessage(String query) {
        HttpCall.Response response = get("/api/runs?" + query);
        assertEquals(400, response.status(), query + ": " + response);
        assertFalse(((String) response.json().get("error")).isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"page=abc", "page=-1", "page=1000001", "size=x", "size=0", "size=201", "size=1.5"})
    void aBadPageOrSizeIsA400ThatNamesIt(String query) {
        HttpCall.Response response = get("/api/runs?" + query);
        assertEquals(400, response.status(), query + ": " + response);
        String error = (String) response.json().get("error");
        assertTrue(error.contains(query.substring(0, query.indexOf('='))), error);
        assertFalse(error.contains("body"), "a query value is not the body: " + error);
    }

    @Test
    void anEmptyPageOrSizeMeansTheDefault() {
        HttpCall.Response response = get("/api/runs?page=&size=");
        assertEquals(200, response.status(), response.toString());
        assertEquals(0, ((Number) response.json().get("page")).intValue());
        assertEquals(25, ((Number) response.json().get("size")).intValue());
    }

    @ParameterizedTest(name = "run route ''{0}''")
    @ValueSource(strings = {"", "/series", "/endpoints", "/errors", "/export.csv", "/report.html"})
    void unknownRunIs404AndMalformedUuidIs400(String suffix) {
        HttpCall.Response unknown = get("/api/runs/" + UUID.randomUUID() + suffix);
        assertEquals(404, unknown.status(), unknown.toString());
        assertTrue(((String) unknown.json().get("error")).startsWith("no run"));
        HttpCall.Response malformed = get("/api/runs/not-a-uuid" + suffix);
        assertEquals(400, malformed.status(), malformed.toString());
        assertTrue(((String) malformed.json().get("error")).contains("not a run uuid"));
        assertEquals(401, HttpCall.get(url("/api/runs/" + checkout + suffix)).send().status(), "signed in only");
    }

    @Test
    void csvExportHasTheRunItsRecordsEndpointsAndErrors() {
        HttpCall.Response csv = get("/api/runs/" + checkout + "/export.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        String disposition = csv.header("Content-Disposition");
        assertTrue(disposition.startsWith("attachment; filename=\"loadstack-checkout-nightly-" + checkout.substring(0, 8) + ".csv\""), disposition);
        List<String> lines = csv.body().lines().toList();
        assertEquals(RunExports.CSV_HEADER.strip(), lines.get(0));
        assertTrue(lines.get(1).startsWith("run,,2026-11-20T10:00:00Z,2026-11-20T10:01:00Z,,\"checkout, nightly\",50,6000,60,100,"), lines.get(1));
        assertEquals(4, lines.stream().filter(l -> l.startsWith("record,") && l.contains(",,,")).count(), "whole-run records");
        assertEquals(4, lines.stream().filter(l -> l.startsWith("record,") && l.contains(",GET,/cart,")).count());
        assertTrue(lines.contains("endpoint,,,,GET,/cart,,4000,40,66.667,3,288,120,129.6,96,144,288,") || lines.stream().anyMatch(l -> l.startsWith("endpoint,,,,GET,/cart,,4000,40,")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error,,,,POST,/checkout,,,60,") && l.contains("503")));

        String injected = get("/api/runs/" + abandoned + "/export.csv").body();
        assertTrue(injected.contains(",\"'=cmd|' /C calc'!A0\",") || injected.contains(",'=cmd|' /C calc'!A0,"),
                "a name starting with = is not a formula: " + injected);
    }

    @Test
    void htmlReportIsSelfContainedAndHoldsTheRun() {
        HttpCall.Response html = get("/api/runs/" + checkout + "/report.html");
        assertEquals(200, html.status());
        assertTrue(html.header("Content-Type").startsWith("text/html"));
        assertTrue(html.header("Content-Disposition").startsWith("attachment; filename=\"loadstack-checkout-nightly-"));
        String body = html.body();
        assertTrue(body.contains("<title>Loadstack run checkout, nightly</title>"));
        assertTrue(body.contains(checkout));
        assertTrue(body.contains("uPlot"), "the chart library is inline");
        assertFalse(body.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from elsewhere");
        assertFalse(body.contains("<script src"), "no external scripts");
        assertFalse(body.contains("<link rel=\"stylesheet\""), "no external styles");

        String evil = fixtures.insert(RunFixtures.run().name("</script><script>alert(1)</script>").startedAt(SCRATCH));
        String escaped = get("/api/runs/" + evil + "/report.html").body();
        assertFalse(escaped.contains("</script><script>alert(1)"), "a run name cannot end the data script");
    }

    @Test
    void compareGivesBothSummariesAndPerEndpointDeltas() {
        HttpCall.Response response = get("/api/runs/compare?a=" + checkout + "&b=" + search);
        assertEquals(200, response.status(), response.toString());
        Map<String, Object> comparison = response.json();
        assertEquals(checkout, ((Map<?, ?>) comparison.get("a")).get("uuid"));
        assertEquals(search, ((Map<?, ?>) comparison.get("b")).get("uuid"));
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) comparison.get("endpoints");
        Map<String, Object> cart = endpoints.stream().filter(e -> e.get("name").equals("/cart")).findFirst().orElseThrow();
        assertEquals(160.0 - 96.0, ((Number) cart.get("deltaP95")).doubleValue(), 1e-9);
        assertEquals(0.125 - 0.01, ((Number) cart.get("deltaErrorRate")).doubleValue(), 1e-9);
        assertEquals(3200 / 60.0 - 4000 / 60.0, ((Number) cart.get("deltaRps")).doubleValue(), 1e-9);
        assertEquals(true, cart.get("regression"));
        assertEquals(List.of("p95", "errorRate", "rps"), cart.get("regressions"));
        Map<String, Object> total = (Map<String, Object>) comparison.get("total");
        assertEquals(80.0, ((Number) total.get("deltaP95")).doubleValue(), 1e-9);

        Map<String, Object> same = get("/api/runs/compare?a=" + checkout + "&b=" + checkout).json();
        assertEquals(false, ((Map<?, ?>) same.get("total")).get("regression"));

        assertEquals(400, get("/api/runs/compare?a=" + checkout).status());
        assertEquals(400, get("/api/runs/compare?a=" + checkout + "&b=nope").status());
        assertEquals(404, get("/api/runs/compare?a=" + checkout + "&b=" + UUID.randomUUID()).status());
    }

    @Test
    void onlyAdminsDeleteRunsAndDeletingRemovesEveryRow() {
        String doomed = fixtures.insert(RunFixtures.run().name("to delete").startedAt(SCRATCH));
        assertEquals(401, HttpCall.delete(url("/api/runs/" + doomed)).send().status());
        HttpCall.Response forbidden = HttpCall.delete(url("/api/runs/" + doomed)).bearer(user).send();
        assertEquals(403, forbidden.status());
        assertFalse(((String) forbidden.json().get("error")).isBlank());
        assertEquals(1, fixtures.count("runs", doomed));

        assertEquals(204, HttpCall.delete(url("/api/runs/" + doomed)).bearer(admin).send().status());
        for (String table : List.of("runs", "run_tags", "run_intervals", "run_endpoints", "run_errors")) {
            assertEquals(0, fixtures.count(table, doomed), table);
        }
        assertEquals(12, fixtures.count("run_intervals", checkout), "other runs keep their rows");
        assertEquals(404, get("/api/runs/" + doomed).status());
        assertEquals(404, HttpCall.delete(url("/api/runs/" + doomed)).bearer(admin).send().status());
        assertEquals(400, HttpCall.delete(url("/api/runs/x")).bearer(admin).send().status());
    }

    @Test
    void anyUserPinsAndUnpinsARunAndTheRunAndTheListSayWhether() {
        String kept = fixtures.insert(RunFixtures.run().name("pin me").startedAt(SCRATCH));
        assertEquals(false, get("/api/runs/" + kept).json().get("pinned"));
        assertEquals(401, HttpCall.post(url("/api/runs/" + kept + "/pin"), "").send().status());

        HttpCall.Response pinned = HttpCall.post(url("/api/runs/" + kept + "/pin"), "").bearer(user).send();
        assertEquals(200, pinned.status(), pinned.toString());
        assertEquals(kept, pinned.json().get("uuid"));
        assertEquals(true, pinned.json().get("pinned"));
        assertEquals(true, get("/api/runs/" + kept).json().get("pinned"));
        assertEquals(200, HttpCall.post(url("/api/runs/" + kept + "/pin"), "").bearer(admin).send().status(), "pinning twice is harmless");
        assertEquals(1, fixtures.count("run_pins", kept));
        List<?> listed = (List<?>) get("/api/runs?q=pin%20me").json().get("items");
        assertEquals(1, listed.size());
        assertEquals(true, ((Map<?, ?>) listed.get(0)).get("pinned"));
        List<?> others = (List<?>) get("/api/runs?q=nightly").json().get("items");
        assertEquals(checkout, ((Map<?, ?>) others.get(0)).get("uuid"));
        assertEquals(false, ((Map<?, ?>) others.get(0)).get("pinned"));

        assertEquals(401, HttpCall.delete(url("/api/runs/" + kept + "/pin")).send().status());
        HttpCall.Response unpinned = HttpCall.delete(url("/api/runs/" + kept + "/pin")).bearer(user).send();
        assertEquals(200, unpinned.status(), unpinned.toString());
        assertEquals(false, unpinned.json().get("pinned"));
        assertEquals(200, HttpCall.delete(url("/api/runs/" + kept + "/pin")).bearer(user).send().status(), "unpinning twice is harmless");
        assertEquals(0, fixtures.count("run_pins", kept));

        String unknown = UUID.randomUUID().toString();
        for (HttpCall.Response missing : List.of(HttpCall.post(url("/api/runs/" + unknown + "/pin"), "").bearer(user).send(),
                HttpCall.delete(url("/api/runs/" + unknown + "/pin")).bearer(user).send())) {
            assertEquals(404, missing.status(), missing.toString());
            assertEquals("no run " + unknown, missing.json().get("error"));
        }
        assertEquals(0, fixtures.count("run_pins", unknown), "no pin for a run that does not exist");
        assertEquals(400, HttpCall.post(url("/api/runs/nope/pin"), "").bearer(user).send().status());
        assertEquals(400, HttpCall.delete(url("/api/runs/nope/pin")).bearer(user).send().status());
    }

    @Test
    void deletingAPinnedRunDeletesItsPin() {
        String doomed = fixtures.insert(RunFixtures.run().name("pinned, then deleted").startedAt(SCRATCH));
        assertEquals(200, HttpCall.post(url("/api/runs/" + doomed + "/pin"), "").bearer(user).send().status());
        assertEquals(204, HttpCall.delete(url("/api/runs/" + doomed)).bearer(admin).send().status());
        assertEquals(0, fixtures.count("runs", doomed));
        assertEquals(0, fixtures.count("run_pins", doomed));
    }

    @Test
    void theDashboardLoadsWithoutSigningInWhileTheApiStaysProtected() {
        HttpCall.Response page = HttpCall.get(url("/")).send();
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("/assets/js/app.js"));
        assertEquals(200, HttpCall.get(url("/assets/js/app.js")).send().status());
        assertEquals(200, HttpCall.get(url("/assets/app.css")).send().status());
        HttpCall.Response uplot = HttpCall.get(url("/vendor/uplot/uPlot.esm.js")).send();
        assertEquals(200, uplot.status());
        assertTrue(uplot.header("Content-Type").startsWith("text/javascript"));
        assertEquals(404, HttpCall.get(url("/vendor/uplot/..%2F..%2Fpom.properties")).send().status());
        assertEquals(401, HttpCall.get(url("/api/runs")).send().status());
    }

    @SuppressWarnings("unchecked")
    private static List<String> uuids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(r -> (String) r.get("uuid")).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
