package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verdicts on runs made through the consumer's ingestion API by the packaged jars (no browser): the run's
 * own thresholds sent at register, a live FAILED from the stored records before the end, the whole-run
 * verdict at the end, {@code verdict?wait=} answering when the commit ends the run, a regression against a
 * pinned baseline, and the JUnit XML read by the JDK's XML parser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerdictIngestionIT {

    private LoadstackUnderTest loadstack;
    private IngestionClient ingestion;

    @BeforeAll
    void start() throws Exception {
        loadstack = LoadstackUnderTest.start("VerdictIngestionIT");
        ingestion = loadstack.ingestion();
    }

    @AfterAll
    void stop() {
        if (loadstack != null) {
            loadstack.close();
        }
    }

    private Map<String, Object> verdict(String uuid, int wait) {
        HttpCall.Response response = HttpCall.get(loadstack.apiUrl() + "/api/runs/" + uuid + "/verdict?wait=" + wait)
                .bearer(loadstack.adminJwt()).send();
        assertEquals(200, response.status(), response + "\n" + loadstack.logs());
        return response.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    @Test
    void aSlowRunFailsLiveFromItsRecordsThenOnTheWholeRunWhenItsCommitEndsTheWait() throws Exception {
        String uuid = ingestion.register("verdict it slow", Map.of("env", "it"),
                List.of("p95 < 300ms", "POST /checkout: errors < 50%", "rps > 0.001"));
        ingestion.stats(uuid, 1, 10, 300, 3, 500);
        ingestion.awaitStored(uuid, 300);
        awaitRecord(uuid);

        Map<String, Object> live = verdict(uuid, 0);
        assertEquals("RUNNING", live.get("status"));
        assertEquals("FAILED", live.get("verdict"), live.toString());
        Map<String, Object> p95 = list(live, "criteria").get(0);
        assertEquals(Boolean.FALSE, p95.get("passed"), p95.toString());
        assertTrue(((Number) p95.get("value")).doubleValue() >= 300, p95.toString());

        CompletableFuture<Map<String, Object>> waiting = CompletableFuture.supplyAsync(() -> verdict(uuid, 120));
        Thread.sleep(500);
        ingestion.commit(uuid);
        Map<String, Object> ended = waiting.get();
        assertEquals("COMPLETED", ended.get("status"), "the wait answers once the commit ended the run");
        assertEquals("FAILED", ended.get("verdict"));
        List<Map<String, Object>> criteria = list(ended, "criteria");
        assertEquals(Boolean.FALSE, criteria.get(0).get("passed"));
        assertEquals(500.0, ((Number) criteria.get(0).get("value")).doubleValue(), 5.0, "the whole run's exact p95");
        assertEquals(Boolean.TRUE, criteria.get(1).get("passed"), criteria.get(1).toString());
        assertEquals(Boolean.TRUE, criteria.get(2).get("passed"), criteria.get(2).toString());
        assertEquals("run", criteria.get(0).get("source"));
    }

    @Test
    void aFastRunPassesAndASlowerOneRegressesAgainstItAsTheBaseline() throws Exception {
        String name = "verdict it baseline";
        String fast = ingestion.register(name, Map.of(), List.of("p95 < 2000ms", "errors < 5%"));
        ingestion.stats(fast, 1, 10, 600, 0, 100);
        ingestion.awaitStored(fast, 600);
        ingestion.commit(fast);
        Map<String, Object> passed = verdict(fast, 30);
        assertEquals("PASSED", passed.get("verdict"), passed.toString());

        HttpCall.Response pinned = HttpCall.method("PUT", loadstack.apiUrl() + "/api/tests/" + URLEncoder.encode(name,
                        StandardCharsets.UTF_8).replace("+", "%20"),
                HttpCall.json(Map.of("baseline", fast)).getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").bearer(loadstack.adminJwt()).send();
        assertEquals(200, pinned.status(), pinned.toString());

        String slower = ingestion.register(name, Map.of(), List.of("p95 < 2000ms"));
        ingestion.stats(slower, 1, 10, 600, 0, 400);
        ingestion.awaitStored(slower, 600);
        ingestion.commit(slower);
        Map<String, Object> regressed = verdict(slower, 30);
        assertEquals("FAILED", regressed.get("verdict"), regressed.toString());
        assertEquals(Boolean.TRUE, list(regressed, "criteria").get(0).get("passed"), "within its threshold");
        assertTrue(list(regressed, "regressions").stream().anyMatch(r -> "p95".equals(r.get("metric")) && "".equals(r.get("name"))),
                regressed.toString());

        HttpCall.Response junit = HttpCall.get(loadstack.apiUrl() + "/api/runs/" + slower + "/junit.xml")
                .bearer(loadstack.adminJwt()).send();
        assertEquals(200, junit.status(), junit.toString());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(junit.body().getBytes(StandardCharsets.UTF_8)));
        NodeList cases = xml.getElementsByTagName("testcase");
        int regressions = list(regressed, "regressions").size();
        assertEquals(1 + regressions, cases.getLength(), junit.body());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals(Integer.toString(regressions), suite.getAttribute("failures"));
        assertEquals("loadstack." + name, suite.getAttribute("name"));
    }

    /** The writer stores a record every second here; the live verdict is judged on stored records. */
    private void awaitRecord(String uuid) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (ingestion.series(uuid).stream().anyMatch(p -> ((Number) p.get("requests")).longValue() > 0)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no record with requests was stored for run " + uuid);
    }
}
