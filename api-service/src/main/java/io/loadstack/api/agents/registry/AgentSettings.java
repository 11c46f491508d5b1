package io.loadstack.api.agents.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How the api-service judges its agents ({@code LOADSTACK_AGENTS_HEARTBEAT_TIMEOUT}).
 *
 * @param heartbeatTimeout an agent silent for longer is OFFLINE, and its name is free for another agent; an
 *                         agent long-polls (up to 30 s per heartbeat) but answers each reply at once, so a
 *                         live agent is never silent for long
 */
@ConfigurationProperties("loadstack.agents")
public record AgentSettings(@Bindable(defaultValue = "15s") Duration heartbeatTimeout) {
}
