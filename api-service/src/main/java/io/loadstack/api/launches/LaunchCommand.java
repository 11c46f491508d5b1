package io.loadstack.api.launches;

import io.loadstack.api.agents.heartbeat.AgentCommand;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The commands a launch gives its agents in their heartbeats' answers; docs/launches.md has the table. */
final class LaunchCommand {

    private LaunchCommand() {
    }

    /** Take a share: fetch the files, prepare the generator, report PREPARING then READY (or FAILED). */
    @Serdeable
    record Assign(String type, long launchId, String runUuid, String runName, String generator, LaunchFile main,
                  List<LaunchFile> files, int users, int rampUpSeconds, double spawnRate, int durationSeconds,
                  String targetHost, Map<String, String> properties, String ingestToken, Map<String, String> tags)
            implements AgentCommand {
    }

    /** Start the generator at {@code startAt}, server time. */
    @Serdeable
    record Start(String type, long launchId, Instant startAt) implements AgentCommand {
        Start(long launchId, Instant startAt) {
            this("start", launchId, startAt);
        }
    }

    /** Stop the generator (killed after {@code graceSeconds}), or drop a share the launch no longer has. */
    @Serdeable
    record Stop(String type, long launchId, String reason, long graceSeconds) implements AgentCommand {
        Stop(long launchId, String reason, long graceSeconds) {
            this("stop", launchId, reason, graceSeconds);
        }
    }
}
