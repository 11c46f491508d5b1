package io.loadstack.agent.share;

import io.loadstack.agent.clock.ServerClock;
import io.loadstack.support.targets.TargetList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * What every share of this agent runs with.
 *
 * @param consumerUrl      where the generators post the run's stats (Loadstack's URL: nginx routes /apiv0.1/ to the consumer)
 * @param workRoot         {@code LOADSTACK_AGENT_WORK_DIR}: each share works in {@code launch-<id>} under it
 * @param reportInterval   between two reports while a share waits or runs
 * @param startTolerance   how late a start may arrive and still be obeyed
 * @param finalReportRetry how long a share keeps trying to deliver its last report
 * @param allowedTargets   {@code LOADSTACK_AGENT_ALLOWED_TARGETS}: a share whose target is not on it fails before
 *                         anything runs; null when the agent does not narrow what Loadstack allows
 */
public record ShareEnvironment(String agentName, String region, String consumerUrl, Path workRoot, ServerClock clock,
                               Reports reports, PlanFetcher files, GeneratorFactory generators, Logger log,
                               Duration reportInterval, Duration startTolerance, Duration finalReportRetry,
                               TargetList allowedTargets) {

    public static final Duration REPORT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration START_TOLERANCE = Duration.ofSeconds(3);
    public static final Duration FINAL_REPORT_RETRY = Duration.ofSeconds(30);
}
