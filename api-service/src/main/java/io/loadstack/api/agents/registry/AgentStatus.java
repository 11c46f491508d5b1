package io.loadstack.api.agents.registry;

/** How an agent stands, as {@code GET /api/agents} shows it. */
public enum AgentStatus {
    /** Heartbeating, with nothing to run. */
    IDLE,
    /** Heartbeating and running a share of a launch (set once launches assign agents). */
    BUSY,
    /** Silent for longer than the heartbeat timeout. */
    OFFLINE
}
