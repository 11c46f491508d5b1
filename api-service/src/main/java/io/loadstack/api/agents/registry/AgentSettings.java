package io.loadstack.api.agents.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How the api-service judges and answers its agents ({@code LOADSTACK_AGENTS_HEARTBEAT_TIMEOUT},
 * {@code LOADSTACK_AGENTS_LONG_POLL_WAIT}).
 *
 * @param heartbeatTimeout an agent not heard from for longer is OFFLINE, and its name is free for another agent.
 *                         An agent is heard from when a heartbeat arrives; it sends the next one as soon as the last
 *                         is answered, so a live agent is silent for one long-poll and a round trip at most.
 * @param longPollWait     how long a heartbeat is held when no command waits (the default of {@code ?wait=} and its
 *                         ceiling). Shorter than the heartbeat timeout, or a waiting agent would look OFFLINE; also
 *                         what bounds how soon an agent killed mid-wait is seen OFFLINE.
 */
@ConfigurationProperties("loadstack.agents")
public record AgentSettings(@Bindable(defaultValue = "15s") Duration heartbeatTimeout,
                            @Bindable(defaultValue = "10s") Duration longPollWait) {

    public AgentSettings {
        if (longPollWait.isNegative() || longPollWait.compareTo(heartbeatTimeout) >= 0) {
            throw new ConfigurationException("loadstack.agents.long-poll-wait (" + longPollWait + ") must be at least 0"
                    + " and shorter than loadstack.agents.heartbeat-timeout (" + heartbeatTimeout + "), or agents"
                    + " waiting for an answer would count as OFFLINE");
        }
    }
}
