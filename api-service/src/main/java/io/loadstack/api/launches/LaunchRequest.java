package io.loadstack.api.launches;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What someone asks to launch. {@code planVersion} is null for "the plan's latest version"; a launch
 * pins the version it ran, so a re-run ({@link Launch#rerunRequest()}) names it. Regions are kept in
 * name order, so the split of the users over the agents is the same every time. {@code thresholds} judge the
 * launch's run (api-service/README.md, "Verdicts"); with {@code abortOnFailAfterSeconds} (null: never) the launch
 * is stopped when a threshold fails on a live record, once that many seconds have passed since the start.
 * {@code provision} (null: the agents online) has the agents started for this launch (README, "Agents on demand").
 */
public record LaunchRequest(long planId, Integer planVersion, Map<String, Integer> regions, int users,
                            int rampUpSeconds, int durationSeconds, String targetHost,
                            Map<String, String> properties, List<String> thresholds, Integer abortOnFailAfterSeconds,
                            Provision provision) {

    public LaunchRequest {
        regions = regions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(regions));
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /** A request run on the agents online. */
    public LaunchRequest(long planId, Integer planVersion, Map<String, Integer> regions, int users, int rampUpSeconds,
                         int durationSeconds, String targetHost, Map<String, String> properties, List<String> thresholds,
                         Integer abortOnFailAfterSeconds) {
        this(planId, planVersion, regions, users, rampUpSeconds, durationSeconds, targetHost, properties, thresholds,
                abortOnFailAfterSeconds, null);
    }

    /** A request that never aborts on a failed threshold. */
    public LaunchRequest(long planId, Integer planVersion, Map<String, Integer> regions, int users, int rampUpSeconds,
                         int durationSeconds, String targetHost, Map<String, String> properties, List<String> thresholds) {
        this(planId, planVersion, regions, users, rampUpSeconds, durationSeconds, targetHost, properties, thresholds, null);
    }

    /** A request without thresholds. */
    public LaunchRequest(long planId, Integer planVersion, Map<String, Integer> regions, int users, int rampUpSeconds,
                         int durationSeconds, String targetHost, Map<String, String> properties) {
        this(planId, planVersion, regions, users, rampUpSeconds, durationSeconds, targetHost, properties, List.of());
    }

    /** The agents asked for, over every region. */
    public int agentCount() {
        return regions.values().stream().mapToInt(n -> n == null ? 0 : Math.max(0, n)).sum();
    }

    LaunchRequest pinnedTo(int version) {
        return new LaunchRequest(planId, version, regions, users, rampUpSeconds, durationSeconds, targetHost,
                properties, thresholds, abortOnFailAfterSeconds, provision);
    }
}
