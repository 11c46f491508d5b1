package io.loadstack.api.targets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** The allowed targets' request and answer bodies. */
final class AllowedTargetViews {

    private AllowedTargetViews() {
    }

    /**
     * The whole new list; each entry is read by service-support's TargetList (a bad one: 400 naming it). The size
     * bound is generous: TargetList refuses more than its own limit with a message saying what to do instead.
     */
    @Serdeable
    record Replace(@NotNull @Size(max = 10_000) List<String> targets) {
    }

    /**
     * @param changedBy who changed the list last: a username, or LOADSTACK_ALLOWED_TARGETS for the seed; null
     *                  (with changedAt) when there is no list at all
     */
    @Serdeable
    record Shown(List<String> targets, @Nullable Instant changedAt, @Nullable String changedBy) {
    }
}
