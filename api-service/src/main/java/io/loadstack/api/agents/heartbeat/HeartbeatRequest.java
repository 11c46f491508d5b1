package io.loadstack.api.agents.heartbeat;

import io.loadstack.api.agents.registry.AgentReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What an agent sends with each heartbeat.
 *
 * @param name       {@code LOADSTACK_AGENT_NAME} (the agent defaults it to its host name); unique among online agents
 * @param region     {@code LOADSTACK_AGENT_REGION}
 * @param version    the agent's version
 * @param instanceId a random id the agent process makes at start, the same in all its heartbeats
 * @param launches   the shares of launches it holds now (none when absent); at most {@value #MAX_LAUNCHES}
 */
@Serdeable
public record HeartbeatRequest(@NotNull @Pattern(regexp = WORD, message = WORD_MESSAGE) String name,
                               @NotNull @Pattern(regexp = WORD, message = WORD_MESSAGE) String region,
                               @NotNull @Pattern(regexp = WORD, message = WORD_MESSAGE) String version,
                               @NotNull @Pattern(regexp = WORD, message = WORD_MESSAGE) String instanceId,
                               @Nullable @Size(max = MAX_LAUNCHES) List<@NotNull @Valid HeldLaunch> launches) {

    static final int MAX_LAUNCHES = 100;

    static final String WORD = "[A-Za-z0-9._-]{1,64}";
    static final String WORD_MESSAGE = "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'";

    List<HeldLaunch> held() {
        return launches == null ? List.of() : launches;
    }

    AgentReport report() {
        return new AgentReport(name, instanceId, region, version);
    }
}
