package io.loadstack.api.launches;

import java.time.Instant;
import java.util.List;

/**
 * What changed in a launch, as {@link Launch}'s methods return it: the caller persists the launch and
 * tells the agents concerned (an assignment, the start time, a stop).
 */
public sealed interface LaunchEvent {

    record AgentAssigned(String agent, String region, int users, int rampUpSeconds, double spawnRatePerSecond)
            implements LaunchEvent {
    }

    record AgentPreparing(String agent, Instant at) implements LaunchEvent {
    }

    record AgentReady(String agent, String message, Instant at) implements LaunchEvent {
    }

    /** Every agent that counts is READY: they all start at {@code startAt}, server time. */
    record StartScheduled(Instant startAt, List<String> agents) implements LaunchEvent {
        public StartScheduled {
            agents = List.copyOf(agents);
        }
    }

    record AgentStarted(String agent, Instant firstRequestAt) implements LaunchEvent {
    }

    /** A report repeating the agent's status moved its counts on. */
    record AgentProgressed(String agent, long requests, long failures) implements LaunchEvent {
    }

    record AgentFinished(String agent, long requests, long failures, Instant at) implements LaunchEvent {
    }

    /** The agent's generator failed; {@code reason} is its own message. */
    record AgentFailed(String agent, String reason, Instant at) implements LaunchEvent {
    }

    /** No heartbeat from the agent within its timeout. */
    record AgentLost(String agent, String reason, Instant at) implements LaunchEvent {
    }

    /**
     * The launch no longer needs an agent that has not run: dropped when a quorum started without it,
     * or stood down when the launch stopped or failed before the start. The agent must be told to drop
     * its assignment.
     */
    record AgentReleased(String agent, AgentStatus endedAs, String reason) implements LaunchEvent {
    }

    /** The readiness timeout passed with some agents not READY; one reason per agent or region. */
    record ReadinessTimedOut(List<String> notReady) implements LaunchEvent {
        public ReadinessTimedOut {
            notReady = List.copyOf(notReady);
        }
    }

    /** The running agents must stop their generators (gracefully, then killed after a grace period). */
    record StopRequested(String reason, Instant at) implements LaunchEvent {
    }

    record StatusChanged(LaunchStatus from, LaunchStatus to, String reason, Instant at) implements LaunchEvent {
    }

    /** Every agent has ended after the start: the launch's run can be committed. */
    record RunCommitDue(String runUuid) implements LaunchEvent {
    }
}
