package io.loadstack.consumer.runs;

/** A histogram's response times in milliseconds, as the records store them; all null when none was reported. */
public record LatencySummary(Double min, Double mean, Double max, Double p50, Double p90, Double p95, Double p99) {

    public static final LatencySummary NONE = new LatencySummary(null, null, null, null, null, null, null);
}
