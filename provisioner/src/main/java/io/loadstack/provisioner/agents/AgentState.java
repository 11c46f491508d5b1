package io.loadstack.provisioner.agents;

/**
 * An agent's container as the launch page shows it (provision_agents.state; docs/provisioning.md, "States").
 * REQUESTED is the api-service's; the others are what Docker said last.
 */
public enum AgentState {
    /** Planned by the api-service, nothing made yet. */
    REQUESTED,
    /** The container exists, not started. */
    CREATED,
    /** Started; its healthcheck has not passed yet (Swarm: the task is being prepared or started). */
    STARTING,
    /** Running (and there is no healthcheck to wait for). */
    RUNNING,
    HEALTHY,
    UNHEALTHY,
    /** The process ended: detail holds the exit code. */
    EXITED,
    /** Removed at teardown or by the sweep. */
    REMOVED,
    /** Swarm has not placed the task: detail holds Swarm's words (e.g. "no suitable node"). */
    PENDING,
    /** It could not be made or started: detail says why. */
    FAILED
}
