package io.loadstack.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the runs API answers. Times are UTC instants, latencies are milliseconds, {@code errorRate} is a
 * fraction (0..1, like the healthcheck's cpu) and {@code rps} is requests per second over the time the
 * written records cover ({@code startedAt} to {@code recordedUntil}: the end, or where the interval being
 * collected began).
 *
 * <p>Every field is always present, null or empty included, so clients need not guess what a missing one means.
 */
public final class RunViews {

    private RunViews() {
    }

    /**
     * One run with its totals over the whole run: the detail and each item of the list. {@code pinned}: a user
     * pinned it, so retention keeps it (api-service/README.md, "Retention and pins").
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(String uuid, String name, String status, @Nullable String owner, String origin,
                      @Nullable String host, @Nullable String targetHost, Instant startedAt, @Nullable Instant endedAt,
                      Instant lastActivityAt, Instant recordedUntil, double durationSeconds, int intervals, int users, int maxUsers,
                      long requests, long failures, double errorRate, double rps,
                      @Nullable Double min, @Nullable Double mean, @Nullable Double max,
                      @Nullable Double p50, @Nullable Double p90, @Nullable Double p95, @Nullable Double p99,
                      Map<String, String> tags, boolean pinned) {

        Run withRps(double value) {
            return new Run(uuid, name, status, owner, origin, host, targetHost, startedAt, endedAt, lastActivityAt,
                    recordedUntil, durationSeconds, intervals, users, maxUsers, requests, failures, errorRate, value,
                    min, mean, max, p50, p90, p95, p99, tags, pinned);
        }
    }

    /** {@code page} counts from 0; {@code total} is the number of runs matching the filters. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<Run> items, int page, int size, long total) {
    }

    /** One 15-second record of the whole run; {@code empty} means no data arrived but the run was alive. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SeriesPoint(int seq, Instant start, Instant end, int users, long requests, long failures,
                              double rps, double errorRate, @Nullable Double min, @Nullable Double mean,
                              @Nullable Double max, @Nullable Double p50, @Nullable Double p90,
                              @Nullable Double p95, @Nullable Double p99, boolean empty) {
    }

    /**
     * One 15-second record as the CSV export lists it: the whole run's (method and name empty) or one
     * endpoint's.
     */
    public record IntervalRecord(int seq, Instant start, Instant end, String method, String name, int users,
                                 long requests, long failures, double rps, @Nullable Double min,
                                 @Nullable Double mean, @Nullable Double p50, @Nullable Double p90,
                                 @Nullable Double p95, @Nullable Double p99, @Nullable Double max) {
    }

    /** One endpoint's totals over the run. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Endpoint(String method, String name, long requests, long failures, double errorRate, double rps,
                           @Nullable Double min, @Nullable Double mean, @Nullable Double p50, @Nullable Double p90,
                           @Nullable Double p95, @Nullable Double p99, @Nullable Double max) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RunError(String method, String name, String message, long occurrences) {
    }

    /** The numbers a comparison looks at, for one side. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Side(long requests, long failures, double errorRate, double rps, @Nullable Double p50,
                       @Nullable Double p95, @Nullable Double p99) {
    }

    /**
     * One endpoint in a comparison; a side is null when that run never called the endpoint. Deltas are
     * {@code b - a} and null when a side is missing.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EndpointDiff(String method, String name, @Nullable Side a, @Nullable Side b,
                               @Nullable Double deltaP95, @Nullable Double deltaErrorRate, @Nullable Double deltaRps,
                               boolean regression, List<String> regressions) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Comparison(Run a, Run b, EndpointDiff total, List<EndpointDiff> endpoints) {
    }
}
