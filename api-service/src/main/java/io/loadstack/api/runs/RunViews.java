package io.loadstack.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the runs API answers. Times are UTC instants, latencies are milliseconds, {@code errorRate} is a
 * fraction (0..1, like the healthcheck's cpu) and {@code rps} is requests per second over the time covered.
 */
public final class RunViews {

    private RunViews() {
    }

    /** One run with its totals over the whole run: the detail and each item of the list. */
    @Serdeable
    public record Run(String uuid, String name, String status, @Nullable String owner, String origin,
                      @Nullable String host, @Nullable String targetHost, Instant startedAt, @Nullable Instant endedAt,
                      Instant lastActivityAt, double durationSeconds, int intervals, int users, int maxUsers,
                      long requests, long failures, double errorRate, double rps,
                      @Nullable Double min, @Nullable Double mean, @Nullable Double max,
                      @Nullable Double p50, @Nullable Double p90, @Nullable Double p95, @Nullable Double p99,
                      Map<String, String> tags) {
    }

    /** {@code page} counts from 0; {@code total} is the number of runs matching the filters. */
    @Serdeable
    public record Page(List<Run> items, int page, int size, long total) {
    }

    /** One 15-second record of the whole run; {@code empty} means no data arrived but the run was alive. */
    @Serdeable
    public record SeriesPoint(int seq, Instant start, Instant end, int users, long requests, long failures,
                              double rps, double errorRate, @Nullable Double min, @Nullable Double mean,
                              @Nullable Double max, @Nullable Double p50, @Nullable Double p90,
                              @Nullable Double p95, @Nullable Double p99, boolean empty) {
    }

    /** One endpoint's totals over the run. */
    @Serdeable
    public record Endpoint(String method, String name, long requests, long failures, double errorRate, double rps,
                           @Nullable Double min, @Nullable Double mean, @Nullable Double p50, @Nullable Double p90,
                           @Nullable Double p95, @Nullable Double p99, @Nullable Double max) {
    }

    @Serdeable
    public record RunError(String method, String name, String message, long occurrences) {
    }

    /** The numbers a comparison looks at, for one side. */
    @Serdeable
    public record Side(long requests, long failures, double errorRate, double rps, @Nullable Double p50,
                       @Nullable Double p95, @Nullable Double p99) {
    }

    /**
     * One endpoint in a comparison; a side is null when that run never called the endpoint. Deltas are
     * {@code b - a} and null when a side is missing.
     */
    @Serdeable
    public record EndpointDiff(String method, String name, @Nullable Side a, @Nullable Side b,
                               @Nullable Double deltaP95, @Nullable Double deltaErrorRate, @Nullable Double deltaRps,
                               boolean regression, List<String> regressions) {
    }

    @Serdeable
    public record Comparison(Run a, Run b, EndpointDiff total, List<EndpointDiff> endpoints) {
    }
}
