package io.loadstack.api.launches;

import io.loadstack.api.plans.Generator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A launch as its row keeps it: the aggregate, what was copied from the plan when it was made (so the plan may
 * change or go), who launched it, how its ingest token is made, and each agent's last log lines.
 *
 * @param files the plan version's files, the main file first
 */
record StoredLaunch(Launch launch, Long createdBy, String createdByName, String planName, Generator generator,
                    List<LaunchFile> files, String tokenSalt, Long ingestTokenId, Instant runCommittedAt,
                    Map<String, List<String>> logs) {

    LaunchFile main() {
        return files.get(0);
    }

    List<LaunchFile> dataFiles() {
        return files.subList(1, files.size());
    }

    List<String> log(String agent) {
        return logs.getOrDefault(agent, List.of());
    }
}
