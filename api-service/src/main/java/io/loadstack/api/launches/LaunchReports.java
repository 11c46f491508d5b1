package io.loadstack.api.launches;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** What agents tell about their shares, applied to the launch under its row's lock, one transaction each. */
@Singleton
class LaunchReports {

    static final String RESTARTED = "the agent restarted and lost its share";

    private final LaunchStore store;

    LaunchReports(LaunchStore store) {
        this.store = store;
    }

    /**
     * Applies an agent's report. A report repeating the agent's status only moves its counts on; either way
     * the log lines are appended.
     *
     * @throws NoSuchShareException             when there is no such launch, the agent has no share of it, or the
     *                                          agent does not heartbeat with this agent token
     * @throws IllegalLaunchTransitionException when the launch does not take that report where it is (409)
     */
    LaunchStatus report(long launchId, long tokenId, LaunchReport report) {
        String name = report.name();
        return store.change("applying an agent's report", launchId, (stored, connection) -> {
            Launch launch = stored.launch();
            if (launch.agents().stream().noneMatch(a -> a.name().equals(name)) || !store.isAgentOfToken(connection, name, tokenId)) {
                throw noShare(launchId, name);
            }
            Instant now = Launches.now();
            AgentStatus current = launch.agentNamed(name).status();
            AgentStatus reported = report.agentStatus();
            if (reported != current) {
                switch (reported) {
                    case PREPARING -> launch.agentPreparing(name, now);
                    case READY -> launch.agentReady(name, report.cutMessage(), now);
                    case RUNNING -> launch.agentStarted(name, report.firstRequestAt() == null ? now : report.firstRequestAt(), now);
                    case FINISHED -> launch.agentFinished(name, report.requestCount(), report.failureCount(), now);
                    case FAILED -> launch.agentFailed(name, report.cutMessage() == null ? "failed without a message"
                            : report.cutMessage(), now);
                    default -> throw new IllegalLaunchTransitionException("agents do not report " + reported);
                }
            }
            launch.agentProgress(name, report.requestCount(), report.failureCount(), report.firstRequestAt());
            store.appendLog(connection, stored, name, report.cutLog());
            return launch.status();
        }).orElseThrow(() -> noShare(launchId, name));
    }

    /**
     * The agent no longer lists a share it had taken (past ASSIGNED): it restarted and lost it. Judged again
     * under the lock, as a report in between may have ended the share.
     */
    void agentRestarted(long launchId, String agent) {
        store.change("failing a lost share", launchId, (stored, connection) -> {
            Launch launch = stored.launch();
            LaunchAgent share = launch.agentNamed(agent);
            if (share.status() != AgentStatus.ASSIGNED && !share.status().isEnded()) {
                return launch.agentFailed(agent, RESTARTED, Launches.now());
            }
            return List.of();
        });
    }

    private static NoSuchShareException noShare(long launchId, String agent) {
        return new NoSuchShareException("agent " + agent + " has no share of launch " + launchId
                + " (or heartbeats with another agent token)");
    }
}
