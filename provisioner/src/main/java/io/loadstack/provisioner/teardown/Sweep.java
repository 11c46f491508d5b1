package io.loadstack.provisioner.teardown;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Service;
import io.loadstack.provisioner.agents.AgentState;
import io.loadstack.provisioner.agents.AgentStates;
import io.loadstack.provisioner.agents.Labels;
import io.loadstack.provisioner.docker.AgentContainers;
import io.loadstack.provisioner.events.ContainerEvents;
import io.loadstack.provisioner.swarm.AgentServices;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes every agent container and service of this scope whose launch has ended or is unknown
 * (docs/provisioning.md, "Teardown and sweep"): at start and periodically, so that what a killed provisioner
 * left behind, or a launch that ended while no provisioner held it, does not outlive its launch.
 * A label that is no launch id at all counts as unknown.
 */
@Singleton
public class Sweep {

    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);
    private static final long NOT_A_LAUNCH = -1;

    private final AgentContainers containers;
    private final AgentServices services;
    private final LaunchLookup launches;
    private final AgentStates states;

    public Sweep(AgentContainers containers, AgentServices services, LaunchLookup launches, AgentStates states) {
        this.containers = containers;
        this.services = services;
        this.launches = launches;
        this.states = states;
    }

    /** @return how many containers and services it removed */
    public int run() {
        List<Container> containerList = containers.all();
        List<Service> serviceList = services.servicesOf(Map.of());
        Set<Long> launchIds = new HashSet<>();
        containerList.forEach(c -> launchIds.add(launchOf(c.getLabels())));
        serviceList.forEach(s -> launchIds.add(launchOf(s.getSpec() == null ? null : s.getSpec().getLabels())));
        launchIds.remove(NOT_A_LAUNCH);
        Set<Long> over = new HashSet<>(launches.endedOrUnknown(launchIds));
        over.add(NOT_A_LAUNCH);
        int removed = 0;
        Set<Long> swept = new HashSet<>();
        for (Container container : containerList) {
            long launch = launchOf(container.getLabels());
            if (over.contains(launch)) {
                containers.removeContainer(container.getId());
                swept.add(launch);
                removed++;
            }
        }
        for (Service service : serviceList) {
            long launch = launchOf(service.getSpec() == null ? null : service.getSpec().getLabels());
            if (over.contains(launch)) {
                services.removeService(service.getId());
                swept.add(launch);
                removed++;
            }
        }
        swept.remove(NOT_A_LAUNCH);
        for (long launch : swept) {
            states.recordAll(launch, AgentState.REMOVED, "removed by the sweep: the launch has ended");
        }
        if (removed > 0) {
            LOG.info("sweep: removed {} containers and services of ended or unknown launches {}", removed, swept);
        }
        return removed;
    }

    private static long launchOf(Map<String, String> labels) {
        Long launch = labels == null ? null : ContainerEvents.parseLaunch(labels.get(Labels.LAUNCH));
        return launch == null ? NOT_A_LAUNCH : launch;
    }
}
