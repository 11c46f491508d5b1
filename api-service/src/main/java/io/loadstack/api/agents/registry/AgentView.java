package io.loadstack.api.agents.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.Instant;

/** An agent as {@code GET /api/agents} shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record AgentView(String name, String region, AgentStatus status, Instant lastSeenAt, String version,
                        Instant onlineSince) {

    static AgentView of(Agent agent, boolean holdsAShare, Instant now, Duration timeout) {
        return new AgentView(agent.name(), agent.region(), agent.status(holdsAShare, now, timeout), agent.lastSeenAt(),
                agent.version(), agent.onlineSince());
    }
}
