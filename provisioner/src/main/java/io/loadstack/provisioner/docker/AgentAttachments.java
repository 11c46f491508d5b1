package io.loadstack.provisioner.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.loadstack.provisioner.ProvisionerSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The networks and volumes of agent containers (README, "What the agents get"). By default the provisioner's
 * own: it inspects its container (HOSTNAME) and gives the agents its networks (so they reach nginx by name)
 * and the volumes it has at /etc/loadstack/agent-credentials and /etc/loadstack/nginx-tls (the agents' token
 * and nginx's certificate), never its other volumes (the services' secrets).
 * LOADSTACK_PROVISIONER_NETWORK and LOADSTACK_PROVISIONER_VOLUMES replace either.
 */
@Singleton
public class AgentAttachments {

    static final Set<String> AGENT_PATHS = Set.of("/etc/loadstack/agent-credentials", "/etc/loadstack/nginx-tls");
    private static final Logger LOG = LoggerFactory.getLogger(AgentAttachments.class);

    private final OwnContainer own;
    private final ProvisionerSettings settings;
    private volatile Resolved resolved;

    public AgentAttachments(OwnContainer own, ProvisionerSettings settings) {
        this.own = own;
        this.settings = settings;
    }

    public List<String> networks() {
        return resolve().networks();
    }

    public List<VolumeMount> volumes() {
        return resolve().volumes();
    }

    private Resolved resolve() {
        Resolved current = resolved;
        if (current != null) {
            return current;
        }
        List<String> networks = new ArrayList<>();
        List<VolumeMount> volumes = new ArrayList<>();
        boolean networkSet = ProvisionerSettings.isSet(settings.network());
        boolean volumesSet = ProvisionerSettings.isSet(settings.volumes());
        if (networkSet) {
            for (String network : settings.network().split(",")) {
                if (!network.isBlank()) {
                    networks.add(network.trim());
                }
            }
        }
        if (volumesSet) {
            volumes.addAll(VolumeMount.parseList(settings.volumes()));
        }
        if (!networkSet || !volumesSet) {
            InspectContainerResponse self = own.get().orElse(null);
            if (self == null) {
                LOG.info("not in a container of this engine: agents get Docker's default network and no volumes"
                        + " unless LOADSTACK_PROVISIONER_NETWORK/_VOLUMES say otherwise");
            } else {
                if (!networkSet && self.getNetworkSettings() != null && self.getNetworkSettings().getNetworks() != null) {
                    networks.addAll(self.getNetworkSettings().getNetworks().keySet());
                }
                if (!volumesSet && self.getMounts() != null) {
                    for (InspectContainerResponse.Mount mount : self.getMounts()) {
                        String path = mount.getDestination() == null ? null : mount.getDestination().getPath();
                        if (mount.getName() != null && AGENT_PATHS.contains(path)) {
                            volumes.add(new VolumeMount(mount.getName(), path));
                        }
                    }
                }
            }
        }
        LOG.info("agent containers get networks {} and volumes {}", networks, volumes);
        current = new Resolved(List.copyOf(networks), List.copyOf(volumes));
        resolved = current;
        return current;
    }

    private record Resolved(List<String> networks, List<VolumeMount> volumes) {
    }
}
