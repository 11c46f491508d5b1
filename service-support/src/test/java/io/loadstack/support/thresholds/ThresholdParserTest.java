package io.loadstack.support.thresholds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdParserTest {

    @Test
    void aWholeRunLatencyThresholdInMilliseconds() {
        Threshold threshold = ThresholdParser.parse("p95 < 300ms");
        assertEquals(Metric.P95, threshold.metric());
        assertEquals(Operator.LESS, threshold.operator());
        assertEquals(300, threshold.limit());
        assertFalse(threshold.isPerEndpoint());
        assertNull(threshold.method());
        assertEquals("p95 < 300ms", threshold.expression());
    }

    @Test
    void secondsAreTurnedIntoMilliseconds() {
        assertEquals(500, ThresholdParser.parse("p99<0.5s").limit());
        assertEquals(250, ThresholdParser.parse("mean <= 250").limit(), "milliseconds when no unit is written");
    }

    @Test
    void anEndpointThresholdNamesMethodAndName() {
        Threshold threshold = ThresholdParser.parse("get /cart: p99 < 500ms");
        assertEquals("GET", threshold.method());
        assertEquals("/cart", threshold.name());
        assertEquals("GET /cart", threshold.endpoint().orElseThrow());
        assertEquals(Metric.P99, threshold.metric());
    }

    @Test
    void anEndpointNameMayHoldColonsAndSpaces() {
        Threshold threshold = ThresholdParser.parse("GET http://shop:8080/cart?a=b c: errors < 1%");
        assertEquals("http://shop:8080/cart?a=b c", threshold.name());
        assertEquals(Metric.ERRORS, threshold.metric());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "errors < 1%       | ERRORS   | LESS             | 1",
            "errors<0.5        | ERRORS   | LESS             | 0.5",
            "rps > 100         | RPS      | GREATER          | 100",
            "rps >= 100/s      | RPS      | GREATER_OR_EQUAL | 100",
            "requests >= 1000  | REQUESTS | GREATER_OR_EQUAL | 1000",
            "max == 0          | MAX      | EQUAL            | 0",
            "P90 < .5s         | P90      | LESS             | 500",
            "p50<1             | P50      | LESS             | 1"})
    void everyMetricAndOperator(String expression, Metric metric, Operator operator, double limit) {
        Threshold threshold = ThresholdParser.parse(expression);
        assertEquals(metric, threshold.metric());
        assertEquals(operator, threshold.operator());
        assertEquals(limit, threshold.limit(), 1e-9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p95 < abc                 | at 7: expected a number",
            "p95 <                     | at 6: expected a number, found the end",
            "p95 300                   | at 5: expected a comparison (<, <=, >, >=, ==)",
            "p95 = 300                 | at 5: expected a comparison (<, <=, >, >=, ==)",
            "p97 < 300                 | at 1: unknown metric 'p97' (known: p50, p90, p95, p99, max, mean, errors, rps, requests)",
            "< 300                     | at 1: expected a metric (p50, p90, p95, p99, max, mean, errors, rps, requests)",
            "p95 < 300 ms extra        | at 14: unexpected 'e' after the threshold",
            "p95 < 300%                | at 10: unit '%' does not fit p95 (use ms or s)",
            "errors < 1ms              | at 11: unit 'ms' does not fit errors (use %)",
            "requests > 5/s            | at 13: unit '/s' does not fit requests (use none)",
            ": p95 < 300               | at 1: expected an endpoint before ':', e.g. 'GET /cart: p95 < 300ms'",
            "GET: p95 < 300            | at 4: expected the endpoint's name after 'GET', e.g. 'GET /cart: p95 < 300ms'",
            "GET /cart: p95 < 300 < 2  | at 22: unexpected '<' after the threshold",
            "p95 < 1234567890123456    | at 7: the number has too many digits",
            "G(T /cart: p95 < 3        | at 1: 'G(T' is not an HTTP method; write 'METHOD NAME: ...'"})
    void aMistakeIsPointedAtByItsCharacter(String expression, String message) {
        ThresholdSyntaxException e = assertThrows(ThresholdSyntaxException.class, () -> ThresholdParser.parse(expression));
        assertEquals(message, e.getMessage());
        assertTrue(e.position() >= 1);
    }

    @Test
    void emptyAndOverlongExpressionsAreRefused() {
        assertEquals("at 1: empty threshold; write e.g. 'p95 < 300ms'",
                assertThrows(ThresholdSyntaxException.class, () -> ThresholdParser.parse("  ")).getMessage());
        assertThrows(ThresholdSyntaxException.class, () -> ThresholdParser.parse(null));
        String longest = "p95 < 1" + " ".repeat(ThresholdParser.MAX_LENGTH - 7);
        assertEquals(1, ThresholdParser.parse(longest).limit());
        assertEquals("at 201: a threshold has at most 200 characters",
                assertThrows(ThresholdSyntaxException.class, () -> ThresholdParser.parse(longest + " ")).getMessage());
    }

    @Test
    void aListNamesTheExpressionThatFailed() {
        InvalidThresholdsException e = assertThrows(InvalidThresholdsException.class,
                () -> ThresholdParser.parseAll("thresholds", List.of("p95 < 300ms", "errors < x")));
        assertEquals("thresholds[1] 'errors < x': at 10: expected a number", e.getMessage());
        assertEquals(2, ThresholdParser.parseAll("thresholds", List.of("p95 < 300ms", "rps > 1")).size());
        assertEquals(List.of(), ThresholdParser.parseAll("thresholds", null));
    }

    @Test
    void aListHasAtMostFiftyThresholds() {
        List<String> many = java.util.Collections.nCopies(ThresholdParser.MAX_THRESHOLDS + 1, "p95 < 1");
        assertEquals("thresholds: at most 50 thresholds",
                assertThrows(InvalidThresholdsException.class, () -> ThresholdParser.parseAll("thresholds", many)).getMessage());
    }

    @Test
    void operatorsJudgeAndRankValues() {
        assertTrue(ThresholdParser.parse("p95 < 300").holds(299.9));
        assertFalse(ThresholdParser.parse("p95 < 300").holds(300));
        assertTrue(ThresholdParser.parse("p95 <= 300").holds(300));
        assertTrue(ThresholdParser.parse("rps > 10").holds(10.5));
        assertTrue(Operator.LESS.isWorse(400, 350));
        assertTrue(Operator.GREATER.isWorse(5, 8));
    }
}
