package io.loadstack.api.agents.heartbeat;

import io.loadstack.api.agents.registry.Agent;

import java.util.List;

/**
 * Where heartbeats find the commands waiting for an agent. Launches provide the real source; until then
 * {@link NoCommandsYet} answers that there are none, and every heartbeat waits its full long-poll. It is asked
 * once, when the heartbeat arrives: a command that appears during the wait reaches the agent with its next
 * heartbeat, within the long-poll wait. Launches that need it sooner wake the waiting heartbeat (a re-check
 * on the scheduler during the hold, off the event loop), which is where this hook grows.
 */
public interface AgentCommands {

    /** The commands for this agent now; a non-empty answer ends the long-poll at once. Called on a blocking thread. */
    List<AgentCommand> pendingFor(Agent agent);
}
