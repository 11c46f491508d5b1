package io.loadstack.agent.heartbeat;

import io.loadstack.agent.clock.ClockSample;

/** What became of one heartbeat. */
public sealed interface HeartbeatOutcome {

    /** Loadstack answered: the agent is registered and online. */
    record Answered(ClockSample sample) implements HeartbeatOutcome {
    }

    /** 409: another online agent holds this agent's name; it frees once that one has been silent long enough. */
    record NameTaken(String reason) implements HeartbeatOutcome {
    }

    /** 401: the token is wrong or revoked, which no retry mends. */
    record TokenRefused(String reason) implements HeartbeatOutcome {
    }

    /** No answer, or one that says nothing about this agent (a network error, a 5xx, a proxy's page): retried. */
    record Failed(String reason) implements HeartbeatOutcome {
    }
}
