package io.loadstack.api.agents.heartbeat;

import io.loadstack.api.agents.registry.Agent;

import java.util.List;

/**
 * Where heartbeats find the commands for an agent: computed from what the agent holds and what MySQL says
 * each time it is asked (level-triggered, never a queue), so asking again is always safe. Launches provide
 * it. The heartbeat asks when it arrives and again about every {@link HeartbeatController#RECHECK} while it
 * is held, each time on a blocking thread.
 */
public interface AgentCommands {

    /** The commands for this agent now, given the shares it holds; a non-empty answer ends the long-poll. */
    List<AgentCommand> pendingFor(Agent agent, List<HeldLaunch> held);
}
