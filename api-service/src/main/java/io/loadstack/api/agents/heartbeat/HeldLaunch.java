package io.loadstack.api.agents.heartbeat;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.time.Instant;

/**
 * A share of a launch an agent holds, as the agent sees it (docs/launches.md, "Heartbeat").
 *
 * @param status   the agent's own word for where the share is (PREPARING, READY, RUNNING, ...)
 * @param startAt  the start it was told, server time; null before a start command
 * @param stopping whether it is stopping the share already
 */
@Serdeable
public record HeldLaunch(@NotNull @Positive Long launchId,
                         @Nullable @Pattern(regexp = "[A-Z_]{1,16}", message = "must be 1 to 16 of A-Z and '_'") String status,
                         @Nullable Instant startAt,
                         boolean stopping) {
}
