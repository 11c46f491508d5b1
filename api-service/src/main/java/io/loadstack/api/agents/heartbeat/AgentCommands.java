package io.loadstack.api.agents.heartbeat;

import io.loadstack.api.agents.registry.Agent;

import java.util.List;

/**
 * Where heartbeats find the commands waiting for an agent. Launches provide the real source; until then
 * {@link NoCommandsYet} answers that there are none, and every heartbeat waits its full long-poll.
 */
public interface AgentCommands {

    /** The commands for this agent now; a non-empty answer ends the long-poll at once. Called on a blocking thread. */
    List<AgentCommand> pendingFor(Agent agent);
}
