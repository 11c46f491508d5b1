package io.loadstack.provisioner.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import io.loadstack.provisioner.AgentEngine;
import io.loadstack.provisioner.ProvisionerSettings;
import io.loadstack.provisioner.ProvisioningFailedException;
import io.loadstack.provisioner.agents.AgentStates;
import io.loadstack.provisioner.agents.Labels;
import io.loadstack.provisioner.docker.AgentEnvironment;
import io.loadstack.provisioner.docker.Scope;
import io.loadstack.provisioner.docker.VolumeMount;
import io.loadstack.provisioner.queue.PlannedAgent;
import io.loadstack.provisioner.queue.ProvisionRequest;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Engine {@code swarm}: one service per region of the launch, {@code loadstack-agents-l<launch>-<region>}, with as
 * many replicas as agents there, placed on nodes labelled {@code region=<region>}. Task slot n's hostname (and
 * LOADSTACK_AGENT_NAME) is {@code l<launch>-<region>-<n>}: the agent name the api-service planned.
 */
@Singleton
@Named("swarm")
public class AgentServices implements AgentEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServices.class);
    /**
     * Root's alone: the agent image reads them as root before it drops to its user (the token into the
     * environment, the certificate copied for the agent: monit/load-agent-ctl).
     */
    private static final long SECRET_MODE = 0400;

    private final DockerClient docker;
    private final ProvisionerSettings settings;
    private final AgentEnvironment environment;
    private final AgentStates states;
    private final Scope scope;
    /** What was written last per launch and agent, so an unchanged task list writes nothing. */
    private final Map<Long, Map<String, TaskStates.Observed>> written = new ConcurrentHashMap<>();

    public AgentServices(DockerClient docker, ProvisionerSettings settings, AgentEnvironment environment,
                         AgentStates states, Scope scope) {
        this.docker = docker;
        this.settings = settings;
        this.environment = environment;
        this.states = states;
        this.scope = scope;
    }

    public static String serviceName(long launchId, String region) {
        return "loadstack-agents-l" + launchId + "-" + region;
    }

    @Override
    public void provision(ProvisionRequest request) {
        requireManager();
        List<ContainerSpecSecret> secrets = secrets();
        for (Map.Entry<String, List<PlannedAgent>> region : request.byRegion().entrySet()) {
            create(request.launchId(), region.getKey(), region.getValue().size(), secrets);
        }
    }

    /** Whether this engine can run services: a Swarm manager. */
    public boolean isManager() {
        SwarmInfo swarm = docker.infoCmd().exec().getSwarm();
        return swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE
                && Boolean.TRUE.equals(swarm.getControlAvailable());
    }

    private void requireManager() {
        boolean manager;
        try {
            manager = isManager();
        } catch (RuntimeException e) {
            throw new ProvisioningFailedException("the provisioner cannot reach its Docker engine: " + e.getMessage(), e);
        }
        if (!manager) {
            throw new ProvisioningFailedException("the provisioner's Docker engine is not a Swarm manager: run"
                    + " `docker swarm init` there (or run the provisioner on a manager node), or launch with"
                    + " \"provision\": \"docker\"");
        }
    }

    /**
     * LOADSTACK_PROVISIONER_SWARM_SECRETS as references to the secrets' ids, read at each request (a secret may
     * be made after the provisioner started).
     */
    private List<ContainerSpecSecret> secrets() {
        if (!ProvisionerSettings.isSet(settings.swarmSecrets())) {
            return List.of();
        }
        List<SwarmSecret> wanted;
        try {
            wanted = SwarmSecret.parseList(settings.swarmSecrets());
        } catch (IllegalArgumentException e) {
            throw new ProvisioningFailedException(e.getMessage(), e);
        }
        List<Secret> existing;
        try {
            existing = docker.listSecretsCmd()
                    .withNameFilter(wanted.stream().map(SwarmSecret::secret).distinct().toList()).exec();
        } catch (RuntimeException e) {
            throw new ProvisioningFailedException("Swarm did not list its secrets: " + e.getMessage(), e);
        }
        List<ContainerSpecSecret> references = new ArrayList<>();
        for (SwarmSecret secret : wanted) {
            // The name filter matches prefixes too: the secret is the one of exactly that name.
            String id = existing.stream()
                    .filter(s -> s.getSpec() != null && secret.secret().equals(s.getSpec().getName()))
                    .map(Secret::getId).findFirst()
                    .orElseThrow(() -> new ProvisioningFailedException("the Swarm secret " + secret.secret()
                            + " (LOADSTACK_PROVISIONER_SWARM_SECRETS) does not exist: create it"
                            + " (docker secret create " + secret.secret() + " <file>) or change the setting"));
            references.add(new ContainerSpecSecret().withSecretId(id).withSecretName(secret.secret())
                    .withFile(new ContainerSpecFile().withName(secret.path()).withUid("0").withGid("0")
                            .withMode(SECRET_MODE)));
        }
        return references;
    }

    private void create(long launchId, String region, int replicas, List<ContainerSpecSecret> secrets) {
        String name = serviceName(launchId, region);
        String agentName = "l" + launchId + "-" + region + "-{{.Task.Slot}}";
        Map<String, String> labels = Labels.of(scope.value(), launchId, region);
        ContainerSpec container = new ContainerSpec()
                .withImage(settings.agentImage())
                .withHostname(agentName)
                .withEnv(environment.variables(agentName, region))
                .withLabels(labels)
                .withMounts(mounts())
                .withSecrets(secrets);
        if (!environment.command().isEmpty()) {
            container.withCommand(environment.command());
        }
        environment.healthcheck().ifPresent(container::withHealthCheck);
        long memory = settings.agentMemoryBytes();
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container)
                .withResources(new ResourceRequirements().withLimits(new ResourceSpecs().withMemoryBytes(memory)))
                .withPlacement(new ServicePlacement().withConstraints(List.of("node.labels.region==" + region)));
        if (ProvisionerSettings.isSet(settings.swarmNetwork())) {
            task.withNetworks(List.of(new NetworkAttachmentConfig().withTarget(settings.swarmNetwork().trim())));
        }
        ServiceSpec spec = new ServiceSpec()
                .withName(name)
                .withLabels(labels)
                .withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)));
        try {
            docker.createServiceCmd(spec).exec();
            LOG.info("service {} created: {} replicas in region {}", name, replicas, region);
        } catch (ConflictException e) {
            LOG.info("service {} exists already: taken as made", name);
        } catch (RuntimeException e) {
            throw new ProvisioningFailedException("Swarm refused to create the service " + name + ": " + e.getMessage(), e);
        }
    }

    private List<Mount> mounts() {
        if (!ProvisionerSettings.isSet(settings.volumes())) {
            return List.of();
        }
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount volume : VolumeMount.parseList(settings.volumes())) {
            mounts.add(new Mount().withType(MountType.VOLUME).withSource(volume.volume()).withTarget(volume.path())
                    .withReadOnly(true));
        }
        return mounts;
    }

    /**
     * Reads the tasks of a launch's services and writes each slot's state (the newest task of the slot:
     * Swarm keeps the ones it replaced).
     */
    public void observe(ProvisionRequest request) {
        Map<String, TaskStates.Observed> last = written.computeIfAbsent(request.launchId(), id -> new HashMap<>());
        for (Map.Entry<String, List<PlannedAgent>> region : request.byRegion().entrySet()) {
            String service = serviceName(request.launchId(), region.getKey());
            List<Task> tasks;
            try {
                tasks = docker.listTasksCmd().withServiceFilter(service).exec();
            } catch (NotFoundException e) {
                continue;
            }
            Map<Integer, Task> newestPerSlot = new LinkedHashMap<>();
            tasks.stream()
                    .filter(t -> t.getSlot() != null && t.getStatus() != null && t.getStatus().getState() != null)
                    .sorted(Comparator.comparing(t -> t.getUpdatedAt() == null ? "" : t.getUpdatedAt()))
                    .forEach(t -> newestPerSlot.put(t.getSlot(), t));
            for (Map.Entry<Integer, Task> slot : newestPerSlot.entrySet()) {
                String agent = "l" + request.launchId() + "-" + region.getKey() + "-" + slot.getKey();
                Task task = slot.getValue();
                TaskStates.Observed observed = TaskStates.of(task.getStatus().getState(), task.getStatus().getErr(),
                        task.getStatus().getMessage());
                if (!observed.equals(last.get(agent))) {
                    String containerId = task.getStatus().getContainerStatus() == null ? null
                            : task.getStatus().getContainerStatus().getContainerID();
                    states.record(request.launchId(), agent, observed.state(), observed.detail(), containerId);
                    last.put(agent, observed);
                }
            }
        }
    }

    @Override
    public void remove(long launchId) {
        written.remove(launchId);
        for (Service service : servicesOf(Map.of(Labels.LAUNCH, Long.toString(launchId)))) {
            removeService(service.getId());
        }
    }

    /** This scope's agent services with these labels too (none when the engine is no Swarm manager). */
    public List<Service> servicesOf(Map<String, String> labels) {
        if (!isManager()) {
            return List.of();
        }
        Map<String, String> filter = new LinkedHashMap<>(Labels.ownedBy(scope.value()));
        filter.putAll(labels);
        return docker.listServicesCmd().withLabelFilter(filter).exec();
    }

    public void removeService(String id) {
        try {
            docker.removeServiceCmd(id).exec();
        } catch (NotFoundException e) {
            LOG.debug("service {} was gone already", id);
        }
    }
}
