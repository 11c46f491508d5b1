package io.loadstack.support.thresholds;

import java.util.Locale;
import java.util.Optional;

/**
 * What a threshold measures, in its base unit: latencies in milliseconds, {@link #ERRORS} as the percentage of
 * requests that failed, {@link #RPS} in requests per second, {@link #REQUESTS} as a count.
 */
public enum Metric {
    P50(Kind.LATENCY),
    P90(Kind.LATENCY),
    P95(Kind.LATENCY),
    P99(Kind.LATENCY),
    MAX(Kind.LATENCY),
    MEAN(Kind.LATENCY),
    ERRORS(Kind.ERROR_RATE),
    RPS(Kind.THROUGHPUT),
    REQUESTS(Kind.THROUGHPUT);

    /** How a metric's figures behave; a 15-second record can judge latencies and errors, not throughput. */
    public enum Kind { LATENCY, ERROR_RATE, THROUGHPUT }

    private final Kind kind;

    Metric(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** As written in an expression: {@code p95}, {@code errors}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The unit the metric's values are shown in: {@code ms}, {@code %}, {@code /s} or nothing. */
    public String unit() {
        return switch (kind) {
            case LATENCY -> "ms";
            case ERROR_RATE -> "%";
            case THROUGHPUT -> this == RPS ? "/s" : "";
        };
    }

    static Optional<Metric> of(String word) {
        for (Metric metric : values()) {
            if (metric.wireName().equalsIgnoreCase(word)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }

    static String known() {
        StringBuilder names = new StringBuilder();
        for (Metric metric : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(metric.wireName());
        }
        return names.toString();
    }
}
