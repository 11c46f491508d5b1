package io.loadstack.api.launches.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An agent's container (or Swarm task) as its provisioner last saw it through Docker's events.
 *
 * @param name        the agent's name, which is its host name
 * @param state       REQUESTED, CREATED, STARTING, RUNNING, HEALTHY, UNHEALTHY, EXITED, REMOVED, PENDING or FAILED
 * @param detail      Docker's words for the state (an exit code, "no suitable node", an error); may be null
 * @param containerId null until the container exists
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProvisionedContainer(String name, String region, String state, @Nullable String detail,
                                   @Nullable String containerId,
                                   Instant updatedAt) {
}
