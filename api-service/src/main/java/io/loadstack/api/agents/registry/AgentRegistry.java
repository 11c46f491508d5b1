package io.loadstack.api.agents.registry;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agents that heartbeat, in MySQL so that either api replica can take an agent's next heartbeat.
 * Online means heard from within {@link AgentSettings#heartbeatTimeout()}, by the api-service's clock.
 */
@Singleton
public class AgentRegistry {

    private final AgentRepository agents;
    private final BusyAgents busy;
    private final Duration timeout;

    public AgentRegistry(AgentRepository agents, BusyAgents busy, AgentSettings settings) {
        this.agents = agents;
        this.busy = busy;
        this.timeout = settings.heartbeatTimeout();
    }

    /**
     * Records that the agent is alive now. The name's row stays locked from the read to the write, so two
     * processes claiming one name are judged one after the other; two claiming a new name at once meet at
     * the unique key (or a deadlock on its gap lock), and the one that loses is refused.
     *
     * @throws AgentNameTakenException when another online agent holds the name
     */
    @Transactional
    public Agent recordHeartbeat(AgentReport report, long tokenId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<Agent> known = agents.findByNameForUpdate(report.name());
        if (known.isEmpty()) {
            try {
                return agents.save(Agent.firstHeartbeat(report, tokenId, now));
            } catch (DataAccessException e) {
                throw AgentNameTakenException.claimedTogether(report.name());
            }
        }
        Agent agent = known.get();
        if (agent.heldByAnotherInstance(report, now, timeout)) {
            throw AgentNameTakenException.heldBy(agent, Duration.between(agent.lastSeenAt(), now).toMillis(),
                    timeout.toSeconds());
        }
        return agents.update(agent.heartbeat(report, tokenId, now, timeout));
    }

    public List<AgentView> all() {
        Instant now = Instant.now();
        Set<String> busyNames = busy.names();
        return agents.listByRegionAndName().stream()
                .map(agent -> AgentView.of(agent, busyNames.contains(agent.name()), now, timeout)).toList();
    }
}
