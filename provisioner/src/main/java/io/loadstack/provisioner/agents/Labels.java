package io.loadstack.provisioner.agents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on every container and service the provisioner makes. The event stream and the sweep find
 * them by these; io.loadstack.scope keeps two installations (or two test runs) on one engine apart.
 */
public final class Labels {

    public static final String LAUNCH = "io.loadstack.launch";
    public static final String AGENT = "io.loadstack.agent";
    public static final String REGION = "io.loadstack.region";
    public static final String MANAGED_BY = "io.loadstack.managed-by";
    public static final String SCOPE = "io.loadstack.scope";
    public static final String MANAGER = "loadstack-provisioner";
    /** Set by Swarm on the containers of its tasks: those are removed with their service, never alone. */
    public static final String SWARM_SERVICE = "com.docker.swarm.service.id";

    private Labels() {
    }

    /** What the sweep and the event stream filter on: ours, in this scope. */
    public static Map<String, String> ownedBy(String scope) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(SCOPE, scope);
        return labels;
    }

    public static Map<String, String> of(String scope, long launchId, String region) {
        Map<String, String> labels = ownedBy(scope);
        labels.put(LAUNCH, Long.toString(launchId));
        labels.put(REGION, region);
        return labels;
    }

    public static Map<String, String> of(String scope, long launchId, String region, String agentName) {
        Map<String, String> labels = of(scope, launchId, region);
        labels.put(AGENT, agentName);
        return labels;
    }
}
