package io.loadstack.api.launches;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.util.Map;

/**
 * {@code POST /api/launches}. Missing or mistyped fields are 400; values that cannot be run (a region of 0
 * agents, a ramp-up longer than the test, a target that is no URL, ...) are 422 with every reason at once.
 *
 * @param version   the plan's version to run; its latest when absent
 * @param generator optional: when given, it must be the plan's (a check, not a choice)
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
                         @Nullable Map<String, String> properties) {

    LaunchRequest request() {
        return new LaunchRequest(planId, version, regions, users, rampUpSeconds == null ? 0 : rampUpSeconds,
                durationSeconds, targetHost, properties);
    }
}
