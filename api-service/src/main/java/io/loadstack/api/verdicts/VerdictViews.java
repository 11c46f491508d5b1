package io.loadstack.api.verdicts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.loadstack.api.runs.RunComparison;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/runs/{uuid}/verdict} answers (api-service/README.md, "Verdicts"). Every field is always present. */
public final class VerdictViews {

    private VerdictViews() {
    }

    /**
     * @param run    the run's uuid
     * @param test   the run's name, which is its test's
     * @param status the run's status when judged
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Verdict(String run, String test, String status, VerdictStatus verdict, List<Criterion> criteria,
                          List<Regression> regressions, @Nullable Baseline baseline, Instant evaluatedAt) {
    }

    /**
     * One threshold as judged. {@code value} is in the metric's unit ({@code unit}): the whole run's at its end,
     * while it runs the worst 15-second record's (latencies and errors) or the run's so far (throughput).
     * {@code passed} is null while it cannot be decided yet. {@code source}: {@code test}, {@code run} (sent at
     * register) or {@code launch}.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Criterion(String expression, String source, @Nullable Double value, String unit,
                            @Nullable Boolean passed, String detail) {
    }

    /**
     * One way the run is worse than its baseline beyond the test's tolerances. {@code metric}: {@code p95} (ms),
     * {@code errorRate} (a fraction) or {@code rps}; {@code method} and {@code name} are empty for the whole run.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Regression(String method, String name, String metric, @Nullable Double baseline, @Nullable Double value,
                             String detail) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Baseline(String uuid, Instant startedAt, RunComparison.Tolerances tolerances) {
    }
}
