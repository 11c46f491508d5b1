package io.loadstack.api.agents.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Duration;
import java.time.Instant;

/**
 * An agent known by its name. Its state changes only through {@link #firstHeartbeat} and {@link #heartbeat};
 * whether a name is free is its rule too ({@link #heldByAnotherInstance}).
 */
@MappedEntity("agents")
public record Agent(@Id @GeneratedValue @Nullable Long id,
                    String name,
                    String instanceId,
                    String region,
                    String version,
                    long tokenId,
                    Instant onlineSince,
                    Instant lastSeenAt) {

    static Agent firstHeartbeat(AgentReport report, long tokenId, Instant now) {
        return new Agent(null, report.name(), report.instanceId(), report.region(), report.version(), tokenId, now, now);
    }

    /**
     * The agent is seen now. A new instance taking over a name whose holder fell silent, or the same one
     * back after a silence, starts a new time online.
     */
    Agent heartbeat(AgentReport report, long tokenId, Instant now, Duration timeout) {
        boolean continuing = report.instanceId().equals(instanceId) && isOnline(now, timeout);
        return new Agent(id, name, report.instanceId(), report.region(), report.version(), tokenId,
                continuing ? onlineSince : now, now);
    }

    /** Another process claims this name while its holder is still heartbeating. */
    boolean heldByAnotherInstance(AgentReport report, Instant now, Duration timeout) {
        return !report.instanceId().equals(instanceId) && isOnline(now, timeout);
    }

    boolean isOnline(Instant now, Duration timeout) {
        return !lastSeenAt.plus(timeout).isBefore(now);
    }

    /** An online agent holding a share of a launch that is not over is BUSY rather than IDLE. */
    AgentStatus status(boolean holdsAShare, Instant now, Duration timeout) {
        if (!isOnline(now, timeout)) {
            return AgentStatus.OFFLINE;
        }
        return holdsAShare ? AgentStatus.BUSY : AgentStatus.IDLE;
    }
}
