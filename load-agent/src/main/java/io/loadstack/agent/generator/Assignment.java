package io.loadstack.agent.generator;

import io.loadstack.agent.plan.PlanFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An agent's share of a launch, as the heartbeat's {@code assign} command gives it (docs/launches.md),
 * plus where its files are and where the run's stats go.
 *
 * @param consumerUrl      the base URL the run's stats are posted to (Loadstack's URL: nginx routes
 *                         {@code /apiv0.1/} to the consumer)
 * @param ingestToken      the launch's ingest token, for the consumer
 * @param workDirectory    the share's own directory, holding the plan's files under their names
 * @param spawnRate        users started per second (users ÷ ramp-up, or all at once when ramp-up is 0)
 */
public record Assignment(long launchId, String runUuid, String runName, String generator, PlanFile main,
                         List<PlanFile> files, int users, int rampUpSeconds, double spawnRate,
                         int durationSeconds, String targetHost, Map<String, String> properties,
                         Map<String, String> tags, String agentName, String region, String consumerUrl,
                         String ingestToken, Path workDirectory) {

    public Assignment {
        files = List.copyOf(files);
        properties = Map.copyOf(properties);
        tags = Map.copyOf(tags);
    }
}
