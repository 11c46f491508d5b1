package io.loadstack.provisioner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.RestartPolicy;
import io.loadstack.provisioner.AgentEngine;
import io.loadstack.provisioner.ProvisionerSettings;
import io.loadstack.provisioner.ProvisioningFailedException;
import io.loadstack.provisioner.agents.AgentState;
import io.loadstack.provisioner.agents.AgentStates;
import io.loadstack.provisioner.agents.Labels;
import io.loadstack.provisioner.queue.PlannedAgent;
import io.loadstack.provisioner.queue.ProvisionRequest;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine {@code docker}: one container per agent on this Docker engine, named {@code loadstack-agent-<agent>}.
 * Their states come from Docker's events (events/AgentEventFollower), not from here.
 */
@Singleton
@Named("docker")
public class AgentContainers implements AgentEngine {

    public static final String NAME_PREFIX = "loadstack-agent-";
    private static final Logger LOG = LoggerFactory.getLogger(AgentContainers.class);

    private final DockerClient docker;
    private final ProvisionerSettings settings;
    private final AgentEnvironment environment;
    private final AgentAttachments attachments;
    private final AgentStates states;
    private final Scope scope;

    public AgentContainers(DockerClient docker, ProvisionerSettings settings, AgentEnvironment environment,
                           AgentAttachments attachments, AgentStates states, Scope scope) {
        this.docker = docker;
        this.settings = settings;
        this.environment = environment;
        this.attachments = attachments;
        this.states = states;
        this.scope = scope;
    }

    @Override
    public void provision(ProvisionRequest request) {
        requireImage();
        for (PlannedAgent agent : request.agents()) {
            String id = create(request.launchId(), agent);
            start(request.launchId(), agent, id);
        }
    }

    private void requireImage() {
        try {
            docker.inspectImageCmd(settings.agentImage()).exec();
        } catch (NotFoundException e) {
            throw new ProvisioningFailedException("the agent image " + settings.agentImage()
                    + " is not on the provisioner's Docker engine: build it (docker compose build agent)"
                    + " or set LOADSTACK_PROVISIONER_AGENT_IMAGE");
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** @return the container's id, made now or found made (by an earlier claim of this request) */
    private String create(long launchId, PlannedAgent agent) {
        String name = NAME_PREFIX + agent.name();
        String id;
        try (CreateContainerCmd create = docker.createContainerCmd(settings.agentImage())) {
            create.withName(name)
                    .withHostName(agent.name())
                    .withLabels(Labels.of(scope.value(), launchId, agent.region(), agent.name()))
                    .withEnv(environment.variables(agent.name(), agent.region()))
                    .withHostConfig(hostConfig());
            if (!environment.command().isEmpty()) {
                create.withCmd(environment.command());
            }
            environment.healthcheck().ifPresent(create::withHealthcheck);
            id = create.exec().getId();
            connectOtherNetworks(id);
        } catch (ConflictException e) {
            String made = existing(name);
            LOG.info("container {} of launch {} exists already ({}): taken as made", name, launchId, made);
            return made;
        } catch (RuntimeException e) {
            throw new ProvisioningFailedException("Docker refused to create the container " + name + ": "
                    + e.getMessage(), e);
        }
        states.record(launchId, agent.name(), AgentState.CREATED, null, id);
        return id;
    }

    private void start(long launchId, PlannedAgent agent, String id) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            return;         // running already
        } catch (RuntimeException e) {
            throw new ProvisioningFailedException("Docker could not start the container " + NAME_PREFIX
                    + agent.name() + ": " + e.getMessage(), e);
        }
    }

    private HostConfig hostConfig() {
        long memory = settings.agentMemoryBytes();
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(memory)
                .withMemorySwap(memory)
                // The provisioner removes them when their launch ends; until then an agent that dies comes back.
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withMounts(mounts());
        List<String> networks = attachments.networks();
        if (!networks.isEmpty()) {
            host.withNetworkMode(networks.get(0));
        }
        return host;
    }

    private List<Mount> mounts() {
        return attachments.volumes().stream()
                .map(v -> new Mount().withType(MountType.VOLUME).withSource(v.volume()).withTarget(v.path()).withReadOnly(true))
                .toList();
    }

    private void connectOtherNetworks(String id) {
        List<String> networks = attachments.networks();
        for (String network : networks.subList(Math.min(1, networks.size()), networks.size())) {
            docker.connectToNetworkCmd().withContainerId(id).withNetworkId(network).exec();
        }
    }

    private String existing(String name) {
        return docker.inspectContainerCmd(name).exec().getId();
    }

    @Override
    public void remove(long launchId) {
        for (Container container : containersOf(Map.of(Labels.LAUNCH, Long.toString(launchId)))) {
            removeContainer(container.getId());
        }
    }

    /** This scope's agent containers (not Swarm's task containers) with these labels too. */
    public List<Container> containersOf(Map<String, String> labels) {
        Map<String, String> filter = new LinkedHashMap<>(Labels.ownedBy(scope.value()));
        filter.putAll(labels);
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec().stream()
                .filter(c -> c.getLabels() == null || !c.getLabels().containsKey(Labels.SWARM_SERVICE))
                .toList();
    }

    /** Every agent container of this scope, whatever its launch (the sweep). */
    public List<Container> all() {
        return containersOf(Map.of());
    }

    public void removeContainer(String id) {
        try {
            // A launch that has ended has nothing left for its agents to do: no grace period.
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            LOG.debug("container {} was gone already", id);
        } catch (ConflictException e) {
            LOG.debug("container {} is being removed already", id);
        }
    }

    static ProvisioningFailedException unreachable(Exception e) {
        return new ProvisioningFailedException("the provisioner cannot reach its Docker engine (is"
                + " /var/run/docker.sock mounted, LOADSTACK_PROVISIONER_DOCKER_HOST right?): " + e.getMessage(), e);
    }
}
