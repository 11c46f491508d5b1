package io.loadstack.agent.heartbeat;

import io.loadstack.agent.clock.ClockSample;
import io.loadstack.agent.share.Command;

import java.util.List;

/** What became of one heartbeat. */
public sealed interface HeartbeatOutcome {

    /** Loadstack answered: the agent is registered and online; the commands bring its shares to what the launches want. */
    record Answered(ClockSample sample, List<Command> commands) implements HeartbeatOutcome {

        public Answered {
            commands = List.copyOf(commands);
        }

        public Answered(ClockSample sample) {
            this(sample, List.of());
        }
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
