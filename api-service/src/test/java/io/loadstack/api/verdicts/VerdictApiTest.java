package io.loadstack.api.verdicts;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.runs.RunFixtures;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.MultipartForm;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verdicts on runs written as the consumer writes them (RunFixtures): thresholds of the run, its test and its
 * launch, live and at the end, regressions against a pinned baseline, the wait, the JUnit XML.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerdictApiTest extends ApiServerTest {

    private final RunFixtures fixtures = new RunFixtures(database);

    @Override
    public Map<String, String> getProperties() {
        RunFixtures.createTables(database);
        return super.getProperties();
    }

    private Map<String, Object> verdict(String uuid) {
        HttpCall.Response response = HttpCall.get(url("/api/runs/" + uuid + "/verdict")).bearer(admin).send();
        assertEquals(200, response.status(), response.toString());
        return response.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    private static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpCall.Response putTest(String name, Object body) {
        return HttpCall.method("PUT", url("/api/tests/" + path(name)), HttpCall.json(body).getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").bearer(admin).send();
    }

    @Test
    void aRunWithinItsThresholdsPasses() {
        String uuid = fixtures.insert(RunFixtures.run().name("verdict pass").p95(100)
                .thresholds("p95 < 300ms", "errors < 2%", "POST /checkout: p95 < 0.15s"));
        Map<String, Object> verdict = verdict(uuid);
        assertEquals("PASSED", verdict.get("verdict"), verdict.toString());
        List<Map<String, Object>> criteria = list(verdict, "criteria");
        assertEquals(3, criteria.size());
        assertEquals("p95 < 300ms", criteria.get(0).get("expression"));
        assertEquals(100.0, ((Number) criteria.get(0).get("value")).doubleValue());
        assertEquals(1.0, ((Number) criteria.get(1).get("value")).doubleValue(), 1e-9, "errors in %");
        assertEquals(130.0, ((Number) criteria.get(2).get("value")).doubleValue(), 1e-9, "the endpoint's p95");
        assertTrue(criteria.stream().allMatch(c -> Boolean.TRUE.equals(c.get("passed"))));
        assertEquals("run", criteria.get(0).get("source"));
        assertTrue(list(verdict, "regressions").isEmpty());
        assertNull(verdict.get("baseline"));
    }

    @Test
    void aRunWithNothingToJudgeItByHasNoVerdict() {
        assertEquals("NONE", verdict(fixtures.insert(RunFixtures.run().name("verdict none"))).get("verdict"));
    }

    @Test
    void aBrokenThresholdFailsTheRunLiveBeforeItsEndAndAgainAtItsEnd() {
        // Whole-run records at p95 200, 201, 202, 203 ms: every one breaks the threshold.
        String uuid = fixtures.insert(RunFixtures.run().name("verdict fail").status("RUNNING").p95(200)
                .thresholds("p95 < 150ms", "rps > 1"));
        Map<String, Object> live = verdict(uuid);
        assertEquals("RUNNING", live.get("status"));
        assertEquals("FAILED", live.get("verdict"), live.toString());
        Map<String, Object> p95 = list(live, "criteria").get(0);
        assertEquals(Boolean.FALSE, p95.get("passed"));
        assertEquals(203.0, ((Number) p95.get("value")).doubleValue(), "the worst record");
        assertNull(list(live, "criteria").get(1).get("passed"), "throughput waits for the end");

        fixtures.complete(uuid, RunFixtures.run().startedAt(Instant.parse("2026-11-23T10:00:00Z")).endedAt());
        Map<String, Object> ended = verdict(uuid);
        assertEquals("COMPLETED", ended.get("status"));
        assertEquals("FAILED", ended.get("verdict"));
        assertEquals(200.0, ((Number) list(ended, "criteria").get(0).get("value")).doubleValue(), "the whole run's p95");
        assertEquals(Boolean.TRUE, list(ended, "criteria").get(1).get("passed"));
    }

    @Test
    void aRunningRunWithNoBrokenThresholdIsPending() {
        String uuid = fixtures.insert(RunFixtures.run().name("verdict pending").status("RUNNING").p95(100)
                .thresholds("p95 < 300ms"));
        Map<String, Object> verdict = verdict(uuid);
        assertEquals("PENDING", verdict.get("verdict"), verdict.toString());
        assertEquals(103.0, ((Number) list(verdict, "criteria").get(0).get("value")).doubleValue(), "the worst record so far");
        assertNull(list(verdict, "criteria").get(0).get("passed"));
    }

    @Test
    void aBoundedWaitOnARunningRunAnswersWhenTheWaitIsUp() {
        String uuid = fixtures.insert(RunFixtures.run().name("verdict wait up").status("RUNNING").thresholds("p95 < 300ms"));
        long start = System.nanoTime();
        HttpCall.Response response = HttpCall.get(url("/api/runs/" + uuid + "/verdict?wait=1")).bearer(admin).send();
        assertEquals(200, response.status(), response.toString());
        assertEquals("PENDING", response.json().get("verdict"));
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "held for the second asked");
    }

    @Test
    void aWaitReturnsWithTheFinalVerdictWhenTheRunEnds() throws Exception {
        RunFixtures.Spec spec = RunFixtures.run().name("verdict wait").status("RUNNING").thresholds("p95 < 300ms");
        String uuid = fixtures.insert(spec);
        CompletableFuture<HttpCall.Response> waiting = CompletableFuture.supplyAsync(() ->
                HttpCall.get(url("/api/runs/" + uuid + "/verdict?wait=120")).bearer(admin).send());
        Thread.sleep(1000);
        fixtures.complete(uuid, spec.endedAt());
        HttpCall.Response response = waiting.get();
        assertEquals(200, response.status(), response.toString());
        assertEquals("COMPLETED", response.json().get("status"), "answered once the run ended, long before the wait was up");
        assertEquals("PASSED", response.json().get("verdict"));
    }

    @Test
    void theTestsThresholdsJudgeEveryRunOfIt() {
        assertEquals(200, putTest("verdict test thresholds", Map.of("thresholds", List.of("p95 < 50ms", "GET /cart: errors < 5%")))
                .status());
        Map<String, Object> verdict = verdict(fixtures.insert(RunFixtures.run().name("verdict test thresholds").p95(100)
                .thresholds("p95 < 50ms")));
        assertEquals("FAILED", verdict.get("verdict"));
        List<Map<String, Object>> criteria = list(verdict, "criteria");
        assertEquals(2, criteria.size(), "the run's own copy of a test threshold is judged once: " + criteria);
        assertEquals("test", criteria.get(0).get("source"));
        assertEquals(Boolean.FALSE, criteria.get(0).get("passed"));
        assertEquals(Boolean.TRUE, criteria.get(1).get("passed"));
    }

    @Test
    void aRegressionAgainstThePinnedBaselineFailsTheRun() {
        String name = "verdict baseline";
        String baseline = fixtures.insert(RunFixtures.run().name(name).p95(100).startedAt(Instant.parse("2026-11-01T10:00:00Z")));
        HttpCall.Response pinned = putTest(name, Map.of("baseline", baseline));
        assertEquals(200, pinned.status(), pinned.toString());
        assertEquals(baseline, pinned.json().get("baseline"));
        String slower = fixtures.insert(RunFixtures.run().name(name).p95(200).startedAt(Instant.parse("2026-11-02T10:00:00Z")));

        Map<String, Object> verdict = verdict(slower);
        assertEquals("FAILED", verdict.get("verdict"), verdict.toString());
        assertEquals(baseline, ((Map<?, ?>) verdict.get("baseline")).get("uuid"));
        List<Map<String, Object>> regressions = list(verdict, "regressions");
        Map<String, Object> whole = regressions.stream().filter(r -> "".equals(r.get("name"))).findFirst().orElseThrow();
        assertEquals("p95", whole.get("metric"));
        assertEquals(100.0, ((Number) whole.get("baseline")).doubleValue());
        assertEquals(200.0, ((Number) whole.get("value")).doubleValue());
        assertTrue(regressions.stream().anyMatch(r -> "/checkout".equals(r.get("name"))), regressions.toString());
        assertEquals("NONE", verdict(baseline).get("verdict"), "the baseline is not compared with itself, and has no thresholds");

        assertEquals(200, putTest(name, Map.of("baseline", baseline, "tolerances", Map.of("p95Ratio", 1.5))).status());
        Map<String, Object> tolerated = verdict(slower);
        assertEquals("PASSED", tolerated.get("verdict"), tolerated.toString());
        assertTrue(list(tolerated, "regressions").isEmpty());
    }

    @Test
    void aLaunchesThresholdsJudgeItsRun() {
        long plan = uploadPlan("verdict launch");
        HttpCall.Response refused = HttpCall.post(url("/api/launches"), HttpCall.json(launch(plan, List.of("p95 <")))).bearer(admin).send();
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("thresholds[0] 'p95 <': at 6: expected a number, found the end", refused.json().get("error"));

        HttpCall.Response created = HttpCall.post(url("/api/launches"), HttpCall.json(launch(plan, List.of("rps > 1000000"))))
                .bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        String runUuid = (String) created.json().get("runUuid");
        Map<String, Object> starting = verdict(runUuid);
        assertEquals("STARTING", starting.get("status"), "no agent registered the run yet: " + starting);
        assertEquals("PENDING", starting.get("verdict"));
        fixtures.insert(RunFixtures.run().name("verdict launch").uuid(runUuid));
        Map<String, Object> verdict = verdict(runUuid);
        assertEquals("FAILED", verdict.get("verdict"), verdict.toString());
        assertEquals("launch", list(verdict, "criteria").get(0).get("source"));
        long id = ((Number) created.json().get("id")).longValue();
        assertEquals(List.of("rps > 1000000"), HttpCall.get(url("/api/launches/" + id)).bearer(admin).send().json().get("thresholds"));
    }

    @Test
    void aLaunchThatEndsBeforeItsRunStartedFailsItsVerdict() {
        long plan = uploadPlan("verdict never started");
        HttpCall.Response created = HttpCall.post(url("/api/launches"), HttpCall.json(launch(plan, List.of("p95 < 300ms"))))
                .bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        String runUuid = (String) created.json().get("runUuid");
        long id = ((Number) created.json().get("id")).longValue();
        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(admin).send().status());
        HttpCall.Response waited = HttpCall.get(url("/api/runs/" + runUuid + "/verdict?wait=120")).bearer(admin).send();
        assertEquals(200, waited.status(), waited.toString());
        assertEquals("NOT_STARTED", waited.json().get("status"));
        assertEquals("FAILED", waited.json().get("verdict"));
        assertEquals("the launch runs its test", list(waited.json(), "criteria").get(0).get("expression"));
    }

    @Test
    void theJunitXmlHasATestCasePerCriterionAndRegression() throws Exception {
        String name = "verdict <junit> & \"friends\"";
        String baseline = fixtures.insert(RunFixtures.run().name(name).p95(100).startedAt(Instant.parse("2026-10-01T10:00:00Z")));
        assertEquals(200, putTest(name, Map.of("baseline", baseline)).status());
        String run = fixtures.insert(RunFixtures.run().name(name).p95(200).thresholds("p95 < 150ms", "errors < 5%")
                .startedAt(Instant.parse("2026-10-02T10:00:00Z")));
        HttpCall.Response response = HttpCall.get(url("/api/runs/" + run + "/junit.xml")).bearer(admin).send();
        assertEquals(200, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/xml"), response.toString());
        Document xml = JunitReportTest.parse(response.body());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals("loadstack." + name, suite.getAttribute("name"));
        int regressions = list(verdict(run), "regressions").size();
        assertTrue(regressions >= 1);
        NodeList cases = xml.getElementsByTagName("testcase");
        assertEquals(2 + regressions, cases.getLength());
        assertEquals(Integer.toString(2 + regressions), suite.getAttribute("tests"));
        assertEquals(Integer.toString(1 + regressions), suite.getAttribute("failures"));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            if (testCase.getElementsByTagName("failure").getLength() > 0) {
                failed.add(testCase.getAttribute("name"));
            }
        }
        assertTrue(failed.contains("p95 < 150ms (run)"), failed.toString());
        assertTrue(!failed.contains("errors < 5% (run)"), failed.toString());
    }

    @Test
    void aTestListsItsRunsWithTheirVerdictsAndTheListCountsThem() {
        String name = "load test of http://shop:8080/a b";
        fixtures.insert(RunFixtures.run().name(name).p95(100).startedAt(Instant.parse("2026-09-01T10:00:00Z")));
        fixtures.insert(RunFixtures.run().name(name).p95(400).startedAt(Instant.parse("2026-09-02T10:00:00Z")));
        assertEquals(200, putTest(name, Map.of("thresholds", List.of("p95 < 300ms"))).status());
        HttpCall.Response test = HttpCall.get(url("/api/tests/" + path(name))).bearer(admin).send();
        assertEquals(200, test.status(), test.toString());
        assertEquals(name, test.json().get("name"));
        assertEquals(2, ((Number) test.json().get("runs")).intValue());
        assertEquals(List.of("p95 < 300ms"), test.json().get("thresholds"));
        assertEquals(0.1, ((Number) ((Map<?, ?>) test.json().get("tolerances")).get("p95Ratio")).doubleValue());

        HttpCall.Response history = HttpCall.get(url("/api/tests/" + path(name) + "/runs")).bearer(admin).send();
        assertEquals(200, history.status(), history.toString());
        List<Map<String, Object>> runs = history.jsonList();
        assertEquals(2, runs.size());
        assertEquals("PASSED", runs.get(0).get("verdict"), "oldest first");
        assertEquals(100.0, ((Number) runs.get(0).get("p95")).doubleValue());
        assertEquals("FAILED", runs.get(1).get("verdict"));

        List<Map<String, Object>> tests = HttpCall.get(url("/api/tests")).bearer(admin).send().jsonList();
        Map<String, Object> listed = tests.stream().filter(t -> name.equals(t.get("name"))).findFirst().orElseThrow();
        assertEquals(2, ((Number) listed.get("runs")).intValue());
        assertEquals(1, ((Number) listed.get("thresholds")).intValue());
    }

    @Test
    void aTestMayBeSetUpBeforeItsFirstRun() {
        assertEquals(404, HttpCall.get(url("/api/tests/never%20run")).bearer(admin).send().status());
        assertEquals(200, putTest("never run", Map.of("thresholds", List.of("errors < 1%"))).status());
        HttpCall.Response test = HttpCall.get(url("/api/tests/never%20run")).bearer(admin).send();
        assertEquals(200, test.status());
        assertEquals(0, ((Number) test.json().get("runs")).intValue());
    }

    @Test
    void badSettingsAndQueriesAreRefusedSayingWhy() {
        String running = fixtures.insert(RunFixtures.run().name("verdict bad").status("RUNNING"));
        String other = fixtures.insert(RunFixtures.run().name("verdict other"));
        HttpCall.Response threshold = putTest("verdict bad", Map.of("thresholds", List.of("p95 < x")));
        assertEquals(400, threshold.status(), threshold.toString());
        assertEquals("thresholds[0] 'p95 < x': at 7: expected a number", threshold.json().get("error"));
        HttpCall.Response unknown = putTest("verdict bad", Map.of("thresholds", List.of("p97 < 3")));
        assertTrue(((String) unknown.json().get("error")).contains("unknown metric 'p97'"), unknown.toString());
        assertEquals(422, putTest("verdict bad", Map.of("baseline", running)).status(), "a running run");
        assertEquals(422, putTest("verdict bad", Map.of("baseline", other)).status(), "another test's run");
        assertEquals(400, putTest("verdict bad", Map.of("baseline", "not-a-uuid")).status());
        assertEquals(400, putTest("verdict bad", Map.of("tolerances", Map.of("p95Ratio", -1))).status());
        assertEquals(400, putTest("verdict bad", Map.of("thresholds", "p95 < 3")).status());
        assertEquals(400, HttpCall.get(url("/api/runs/" + other + "/verdict?wait=301")).bearer(admin).send().status());
        assertEquals(400, HttpCall.get(url("/api/runs/" + other + "/verdict?wait=-1")).bearer(admin).send().status());
        assertEquals(400, HttpCall.get(url("/api/runs/nope/verdict")).bearer(admin).send().status());
        assertEquals(404, HttpCall.get(url("/api/runs/" + UUID.randomUUID() + "/verdict")).bearer(admin).send().status());
        assertEquals(404, HttpCall.get(url("/api/runs/" + UUID.randomUUID() + "/junit.xml")).bearer(admin).send().status());
        assertEquals(401, HttpCall.get(url("/api/runs/" + other + "/verdict")).send().status());
    }

    private static Map<String, Object> launch(long plan, List<String> thresholds) {
        return Map.of("planId", plan, "regions", Map.of("nowhere", 1), "users", 1, "durationSeconds", 60,
                "targetHost", "http://shop.internal", "thresholds", thresholds);
    }

    private long uploadPlan(String name) {
        HttpCall.Response created = new MultipartForm().text("name", name).text("generator", "locust")
                .file("main", "locustfile.py", resource("locustfile.py")).post(url("/api/plans")).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return ((Number) created.json().get("id")).longValue();
    }

    private static byte[] resource(String name) {
        try (InputStream in = VerdictApiTest.class.getResourceAsStream("/plans/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
