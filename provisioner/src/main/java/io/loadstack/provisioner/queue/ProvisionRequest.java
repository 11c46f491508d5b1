package io.loadstack.provisioner.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A claimed provision_requests row with its agents. */
public record ProvisionRequest(long launchId, Engine engine, List<PlannedAgent> agents) {

    public ProvisionRequest {
        agents = List.copyOf(agents);
    }

    /** The agents per region, regions in the order of the rows (region, then name). */
    public Map<String, List<PlannedAgent>> byRegion() {
        Map<String, List<PlannedAgent>> regions = new LinkedHashMap<>();
        for (PlannedAgent agent : agents) {
            regions.computeIfAbsent(agent.region(), r -> new ArrayList<>()).add(agent);
        }
        return regions;
    }
}
