package io.loadstack.api.verdicts;

import io.loadstack.api.runs.RunComparison;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JunitReportTest {

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hostileNamesAndMessagesStayWellFormedXml() throws Exception {
        String nasty = "A&B <tag attr=\"x\"> ]]> 'q' \u0001\u0007 \uD800 😀";
        VerdictViews.Verdict verdict = new VerdictViews.Verdict("4a1f6a0e-0000-4000-8000-000000000001", nasty, "COMPLETED",
                VerdictStatus.FAILED,
                List.of(new VerdictViews.Criterion("GET " + nasty + ": p95 < 300ms", "run", 412.0, "ms", false, "broke it: " + nasty),
                        new VerdictViews.Criterion("errors < 1%", "test", 0.5, "%", true, "the whole run: 0.5 %")),
                List.of(new VerdictViews.Regression("GET", nasty, "p95", 100.0, 200.0, "p95 100 ms → 200 ms")),
                new VerdictViews.Baseline("4a1f6a0e-0000-4000-8000-000000000002", Instant.EPOCH, RunComparison.Tolerances.DEFAULTS),
                Instant.parse("2026-11-23T10:00:00Z"));
        Document document = parse(new JunitReport().of(verdict));
        Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        NodeList cases = document.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        String cleaned = "A&B <tag attr=\"x\"> ]]> 'q' \uFFFD\uFFFD \uFFFD 😀";
        assertEquals("GET " + cleaned + ": p95 < 300ms (run)", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals("broke it: " + cleaned, ((Element) ((Element) cases.item(0)).getElementsByTagName("failure").item(0))
                .getAttribute("message"));
        assertEquals(0, ((Element) cases.item(1)).getElementsByTagName("failure").getLength());
        assertEquals("loadstack." + cleaned, suite.getAttribute("name"));
    }
}
