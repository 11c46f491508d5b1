package io.loadstack.api.verdicts;

import io.loadstack.api.runs.RunViews;
import io.loadstack.support.thresholds.ThresholdParser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdJudgeTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static JudgedThreshold judged(String expression) {
        return new JudgedThreshold(ThresholdParser.parse(expression), "test");
    }

    private static Figures figures(long requests, long failures, double rps, Double p95) {
        return new Figures(requests, failures, rps, p95 == null ? null : p95 / 2, p95 == null ? null : p95 * 0.9, p95,
                p95 == null ? null : p95 * 1.5, p95 == null ? null : p95 / 2, p95 == null ? null : p95 * 3);
    }

    private static RunViews.IntervalRecord record(int seq, String method, String name, long requests, long failures, double p95) {
        Instant start = T0.plusSeconds(15L * seq);
        return new RunViews.IntervalRecord(seq, start, start.plusSeconds(15), method, name, 10, requests, failures,
                requests / 15.0, 1.0, p95 / 2, p95 / 2, p95 * 0.9, p95, p95 * 1.5, p95 * 3);
    }

    @Test
    void theWholeRunPassesOrFailsOnItsExactFigures() {
        VerdictViews.Criterion passed = ThresholdJudge.atEnd(judged("p95 < 300ms"), figures(1000, 5, 50, 250.0), Map.of());
        assertEquals(Boolean.TRUE, passed.passed());
        assertEquals(250.0, passed.value());
        assertEquals("ms", passed.unit());
        VerdictViews.Criterion failed = ThresholdJudge.atEnd(judged("errors < 0.1%"), figures(1000, 5, 50, 250.0), Map.of());
        assertEquals(Boolean.FALSE, failed.passed());
        assertEquals(0.5, failed.value());
        assertEquals("the whole run: 0.5 %, which breaks < 0.1 %", failed.detail());
    }

    @Test
    void anEndpointWithoutRequestsFailsItsThresholdAndSaysWhich() {
        VerdictViews.Criterion missing = ThresholdJudge.atEnd(judged("GET /gone: p99 < 1s"), figures(10, 0, 1, 5.0),
                Map.of("GET /cart", figures(10, 0, 1, 5.0)));
        assertEquals(Boolean.FALSE, missing.passed());
        assertNull(missing.value());
        assertEquals("no requests to GET /gone in this run", missing.detail());
        VerdictViews.Criterion cart = ThresholdJudge.atEnd(judged("get /cart: p95 < 10"), figures(10, 0, 1, 50.0),
                Map.of("GET /cart", figures(10, 0, 1, 5.0)));
        assertEquals(Boolean.TRUE, cart.passed(), "the endpoint's figures, not the run's");
    }

    @Test
    void aRunWithoutRequestsFailsLatencyThresholdsButMeasuresThroughput() {
        assertEquals(Boolean.FALSE, ThresholdJudge.atEnd(judged("p95 < 300"), figures(0, 0, 0, null), Map.of()).passed());
        assertEquals(Boolean.FALSE, ThresholdJudge.atEnd(judged("errors < 1%"), figures(0, 0, 0, null), Map.of()).passed());
        assertEquals(Boolean.TRUE, ThresholdJudge.atEnd(judged("requests == 0"), figures(0, 0, 0, null), Map.of()).passed());
    }

    @Test
    void aRecordThatBreaksAThresholdFailsItLiveWithTheWorstRecordsValue() {
        ThresholdJudge.Records records = new ThresholdJudge.Records(List.of(judged("p95 < 300ms"), judged("POST /checkout: errors < 5%")));
        records.add(record(0, "", "", 100, 0, 250));
        records.add(record(1, "", "", 100, 0, 420));
        records.add(record(2, "", "", 100, 0, 310));
        records.add(record(2, "POST", "/checkout", 50, 1, 310));
        List<VerdictViews.Criterion> criteria = records.criteria(figures(300, 1, 20, 280.0), Map.of());
        assertEquals(Boolean.FALSE, criteria.get(0).passed());
        assertEquals(420.0, criteria.get(0).value());
        assertTrue(criteria.get(0).detail().startsWith("15-second record 1 "), criteria.get(0).detail());
        assertNull(criteria.get(1).passed(), "no record broke it: undecided until the end");
        assertEquals(2.0, criteria.get(1).value());
    }

    @Test
    void throughputIsJudgedOnlyAtTheEndAndEmptyRecordsNotAtAll() {
        ThresholdJudge.Records records = new ThresholdJudge.Records(List.of(judged("rps > 100"), judged("p95 < 1")));
        records.add(record(0, "", "", 0, 0, 5000));
        List<VerdictViews.Criterion> criteria = records.criteria(figures(10, 0, 3, 10.0), Map.of());
        assertNull(criteria.get(0).passed());
        assertEquals(3.0, criteria.get(0).value(), "the run's rate so far");
        assertNull(criteria.get(1).passed(), "an empty record judges nothing");
        assertFalse(criteria.get(1).detail().isEmpty());
    }

    @Test
    void valuesAreShownWithTheirUnits() {
        assertEquals("412.5 ms", ThresholdJudge.shown(412.5, io.loadstack.support.thresholds.Metric.P95));
        assertEquals("98.333/s", ThresholdJudge.shown(98.33333, io.loadstack.support.thresholds.Metric.RPS));
        assertEquals("1200", ThresholdJudge.shown(1200, io.loadstack.support.thresholds.Metric.REQUESTS));
    }
}
