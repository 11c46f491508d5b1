package io.loadstack.api.launches;

import io.loadstack.support.thresholds.ThresholdParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/launches}. Missing or mistyped fields are 400; values that cannot be run (a region of 0
 * agents, a ramp-up longer than the test, a target that is no URL, ...) are 422 with every reason at once.
 *
 * @param version   the plan's version to run; its latest when absent
 * @param generator optional: when given, it must be the plan's (a check, not a choice)
 * @param thresholds optional pass/fail criteria for the launch's run; one that does not parse is a 400
 * @param abortOnFail stop the launch when a threshold fails on a live record (abortOnFail in k6's terms)
 * @param abortDelaySeconds not before this many seconds after the start (a ramp-up's first records may fail)
 * @param provision  {@code docker} or {@code swarm}: agents started for this launch; absent: the agents online
 */
@Serdeable
public record LaunchBody(@NotNull @Positive Long planId,
                         @Nullable @Positive Integer version,
                         @Nullable String generator,
                         @NotNull Map<String, Integer> regions,
                         @NotNull Integer users,
                         @Nullable Integer rampUpSeconds,
                         @NotNull Integer durationSeconds,
                         @NotNull String targetHost,
                         @Nullable Map<String, String> properties,
                         @Nullable @Size(max = ThresholdParser.MAX_THRESHOLDS)
                         List<@NotNull @Size(max = ThresholdParser.MAX_LENGTH) String> thresholds,
                         @Nullable Boolean abortOnFail,
                         @Nullable @Min(0) @Max(86_400) Integer abortDelaySeconds,
                         @Nullable @Size(max = 64) String provision) {

    LaunchRequest request() {
        return new LaunchRequest(planId, version, regions, users, rampUpSeconds == null ? 0 : rampUpSeconds,
                durationSeconds, targetHost, properties, thresholds,
                Boolean.TRUE.equals(abortOnFail) ? (abortDelaySeconds == null ? 0 : abortDelaySeconds) : null,
                Provision.named(provision));
    }
}
