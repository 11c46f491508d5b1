package io.loadstack.api.launches;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a provisioned launch's agents are started: containers on one Docker engine, or Swarm services placed by
 * the nodes' {@code region} label. A provisioner service takes the request (docs/provisioning.md).
 */
public enum Provision {
    DOCKER,
    SWARM;

    /** The name in requests and answers: {@code docker}, {@code swarm}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return null for null (the agents online, no provisioning)
     * @throws InvalidLaunchRequestException when the name is neither {@code docker} nor {@code swarm}
     */
    static Provision named(String name) {
        if (name == null) {
            return null;
        }
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidLaunchRequestException(List.of("provision must be \"docker\" or \"swarm\""
                        + " (or absent, to run on the agents online); was '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'")));
    }
}
