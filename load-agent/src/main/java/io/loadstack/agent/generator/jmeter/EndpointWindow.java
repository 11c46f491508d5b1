package io.loadstack.agent.generator.jmeter;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One label's samples since the previous stats post: counts, response times and errors, in the shape of an
 * endpoint of the consumer's stats body (the project README, "Ingesting a run"). Not thread-safe: its
 * {@link SampleWindows} guards it, and merges the parts its stripes recorded with {@link #add}.
 */
final class EndpointWindow {

    /** The consumer keeps at most 100 error kinds per endpoint and post; the rest are counted under one. */
    static final int MAX_ERROR_KINDS = 100;
    static final String OTHER_ERRORS = "(other errors)";
    private static final int MAX_ERROR_CHARS = 300;
    /**
     * Three significant digits keep every time up to 2,047 ms exact and the rest within 0.1 %, finer than the
     * consumer's own histograms, while a window's distinct times stay far below the consumer's limit.
     */
    private static final int SIGNIFICANT_DIGITS = 3;

    private final String method;
    private final String name;
    private final Histogram responseTimes = new Histogram(SIGNIFICANT_DIGITS);
    private final Map<String, Long> errors = new LinkedHashMap<>();
    private long requests;
    private long failures;

    EndpointWindow(String method, String name) {
        this.method = method;
        this.name = name;
    }

    void record(long elapsedMillis, boolean success, String responseCode, String responseMessage) {
        requests++;
        responseTimes.recordValue(Math.max(0, elapsedMillis));
        if (!success) {
            failures++;
            String kind = (nullToEmpty(responseCode) + " " + nullToEmpty(responseMessage)).trim();
            kind = kind.isEmpty() ? "failed" : kind.length() > MAX_ERROR_CHARS ? kind.substring(0, MAX_ERROR_CHARS) : kind;
            errors.merge(errorKey(kind), 1L, Long::sum);
        }
    }

    private String errorKey(String kind) {
        return !errors.containsKey(kind) && errors.size() >= MAX_ERROR_KINDS - 1 ? OTHER_ERRORS : kind;
    }

    /** Another part of the same endpoint's window, recorded apart (the errors' limit applies to the sum). */
    void add(EndpointWindow part) {
        requests += part.requests;
        failures += part.failures;
        responseTimes.add(part.responseTimes);
        part.errors.forEach((kind, count) -> errors.merge(errorKey(kind), count, Long::sum));
    }

    String method() {
        return method;
    }

    String name() {
        return name;
    }

    long requests() {
        return requests;
    }

    long failures() {
        return failures;
    }

    /** The consumer's endpoint: {@code {"method","name","requests","failures","responseTimes","errors"}}. */
    Map<String, Object> toJson() {
        Map<String, Long> times = new LinkedHashMap<>();
        for (HistogramIterationValue value : responseTimes.recordedValues()) {
            times.put(Long.toString(responseTimes.highestEquivalentValue(value.getValueIteratedTo())),
                    value.getCountAtValueIteratedTo());
        }
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("method", method);
        endpoint.put("name", name);
        endpoint.put("requests", requests);
        endpoint.put("failures", failures);
        endpoint.put("responseTimes", times);
        endpoint.put("errors", errors);
        return endpoint;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
