package io.loadstack.api.verdicts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.loadstack.api.runs.RunComparison;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What the tests API answers (api-service/README.md, "Verdicts"). Every field is always present. */
public final class TestViews {

    private TestViews() {
    }

    /** A test in the list: {@code thresholds} counts its own thresholds; {@code lastRunAt} is null without runs. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(String name, long runs, @Nullable Instant lastRunAt, int thresholds, @Nullable String baseline) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Test(String name, long runs, List<String> thresholds, RunComparison.Tolerances tolerances,
                       @Nullable String baseline) {

        static Test of(TestSettings settings, long runs) {
            return new Test(settings.name(), runs, settings.thresholds(), settings.tolerances(), settings.baselineRunUuid());
        }
    }

    /**
     * One run in a test's history, for its trend chart: latencies in ms, {@code errorRate} a fraction,
     * {@code rps} per second, and the run's verdict.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryRun(String uuid, String status, Instant startedAt, double durationSeconds, long requests,
                             @Nullable Double p95, double errorRate, double rps, VerdictStatus verdict,
                             boolean baseline) {
    }
}
