package io.loadstack.provisioner.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.loadstack.provisioner.Deadline;
import io.loadstack.provisioner.LaunchRows;
import io.loadstack.provisioner.RunningProvisioner;
import io.loadstack.provisioner.TestDocker;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engine swarm on the real engine made a one-node Swarm manager (`docker swarm init` unless it is one already;
 * left as it was found). The node is labelled region=eu: a launch's eu agents run there as one service with two
 * replicas whose hostnames are the agent names; its agent in a region no node has stays PENDING with Swarm's
 * words. Teardown removes the services. A secret made by the test is given to the agents as a file
 * (LOADSTACK_PROVISIONER_SWARM_SECRETS); one that does not exist fails the request with what to do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmProvisioningIT {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String NOWHERE = "nowhere";
    private static final String TOKEN_FILE = "/etc/loadstack/agent-credentials/agent_token";

    private final String scope = "it-swarm-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerClient docker;
    private TestDatabase database;
    private boolean initialisedHere;
    private String previousRegionLabel;
    private boolean labelledHere;
    private String nodeId;
    private String secretId;

    @BeforeAll
    void swarm() {
        docker = TestDocker.client();
        database = LaunchRows.schema("SwarmProvisioningIT");
        if (docker.infoCmd().exec().getSwarm().getLocalNodeState() != LocalNodeState.ACTIVE) {
            docker.initializeSwarmCmd(new SwarmSpec()).withAdvertiseAddr("127.0.0.1").withListenAddr("127.0.0.1:2377").exec();
            initialisedHere = true;
        }
        nodeId = docker.infoCmd().exec().getSwarm().getNodeID();
        SwarmNode node = node();
        previousRegionLabel = node.getSpec().getLabels() == null ? null : node.getSpec().getLabels().get("region");
        if (!"eu".equals(previousRegionLabel)) {
            setRegionLabel("eu");
            labelledHere = true;
        }
        secretId = docker.createSecretCmd(new SecretSpec().withName(secretName()).withLabels(Map.of("io.loadstack.scope", scope))
                .withData(Base64.getEncoder().encodeToString("lsa_test-token".getBytes(StandardCharsets.UTF_8))))
                .exec().getId();
    }

    private String secretName() {
        return scope + "_agent_token";
    }

    @AfterAll
    void restore() throws IOException {
        for (Service left : docker.listServicesCmd().withLabelFilter(Map.of("io.loadstack.scope", scope)).exec()) {
            docker.removeServiceCmd(left.getId()).exec();
        }
        if (secretId != null) {
            docker.removeSecretCmd(secretId).exec();
        }
        if (labelledHere) {
            setRegionLabel(previousRegionLabel);
        }
        // Left only when this test made the Swarm and nobody else (another test, a stack) has a service on it.
        if (initialisedHere && docker.listServicesCmd().exec().isEmpty()) {
            docker.leaveSwarmCmd().withForceEnabled(true).exec();
        }
        docker.close();
        database.close();
    }

    private SwarmNode node() {
        return docker.listSwarmNodesCmd().withIdFilter(List.of(nodeId)).exec().get(0);
    }

    private void setRegionLabel(String region) {
        SwarmNode node = node();
        Map<String, String> labels = new HashMap<>(node.getSpec().getLabels() == null ? Map.of() : node.getSpec().getLabels());
        if (region == null) {
            labels.remove("region");
        } else {
            labels.put("region", region);
        }
        docker.updateSwarmNodeCmd().withSwarmNodeId(nodeId).withVersion(node.getVersion().getIndex())
                .withSwarmNodeSpec(node.getSpec().withLabels(labels)).exec();
    }

    @Test
    void oneServicePerRegionPlacedByTheRegionLabelAndRemovedAtTeardown() {
        Map<String, Object> properties = RunningProvisioner.properties(database, "it-swarm", scope);
        properties.put("loadstack.provisioner.swarm-secrets", secretName() + ":" + TOKEN_FILE);
        try (RunningProvisioner provisioner = RunningProvisioner.start(properties)) {
            long launch = LaunchRows.provisioned(database, "swarm", Map.of("eu", 2, NOWHERE, 1));
            String eu = AgentServices.serviceName(launch, "eu");

            for (int slot = 1; slot <= 2; slot++) {
                String agent = LaunchRows.agentName(launch, "eu", slot);
                Deadline.await(agent + " RUNNING", LIMIT, () -> LaunchRows.agent(database, launch, agent),
                        row -> "RUNNING".equals(row.get("state")));
            }
            List<Task> running = docker.listTasksCmd().withServiceFilter(eu).withStateFilter(TaskState.RUNNING).exec();
            assertEquals(2, running.size(), "running tasks of " + eu);
            List<String> hostnames = running.stream()
                    .map(t -> docker.inspectContainerCmd(t.getStatus().getContainerStatus().getContainerID()).exec()
                            .getConfig().getHostName())
                    .sorted().toList();
            assertEquals(List.of(LaunchRows.agentName(launch, "eu", 1), LaunchRows.agentName(launch, "eu", 2)), hostnames);
            Service service = docker.inspectServiceCmd(eu).exec();
            assertEquals(List.of("node.labels.region==eu"),
                    service.getSpec().getTaskTemplate().getPlacement().getConstraints());
            assertEquals(Long.toString(launch), service.getSpec().getLabels().get("io.loadstack.launch"));
            List<ContainerSpecSecret> secrets = service.getSpec().getTaskTemplate().getContainerSpec().getSecrets();
            assertEquals(1, secrets.size(), "secrets of " + eu);
            assertEquals(secretId, secrets.get(0).getSecretId());
            assertEquals(TOKEN_FILE, secrets.get(0).getFile().getName());
            assertEquals(0400L, secrets.get(0).getFile().getMode());

            String nowhere = LaunchRows.agentName(launch, NOWHERE, 1);
            Map<String, Object> pending = Deadline.await(nowhere + " PENDING with Swarm's words", LIMIT,
                    () -> LaunchRows.agent(database, launch, nowhere),
                    row -> "PENDING".equals(row.get("state")) && row.get("detail") != null
                            && ((String) row.get("detail")).contains("no suitable node"));
            assertTrue(((String) pending.get("detail")).contains("no suitable node"), pending.toString());

            LaunchRows.setLaunchStatus(database, launch, "COMPLETED");
            Deadline.await("the request RELEASED", LIMIT, () -> LaunchRows.request(database, launch).get("status"),
                    "RELEASED"::equals);
            assertEquals(List.of(), docker.listServicesCmd()
                    .withLabelFilter(Map.of("io.loadstack.launch", Long.toString(launch))).exec());
            assertEquals("REMOVED", LaunchRows.agent(database, launch, LaunchRows.agentName(launch, "eu", 1)).get("state"));
            assertEquals("REMOVED", LaunchRows.agent(database, launch, nowhere).get("state"));
            // Swarm stops the tasks' containers after the service is gone (within their stop grace period).
            Deadline.await("no container of the launch left", LIMIT, () -> docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.loadstack.launch", Long.toString(launch))).exec().size(), n -> n == 0);
        }
    }

    @Test
    void aSwarmSecretThatDoesNotExistFailsTheRequestWithWhatToDo() {
        String missing = scope + "_no_such_secret";
        Map<String, Object> properties = RunningProvisioner.properties(database, "it-swarm-missing", scope);
        properties.put("loadstack.provisioner.swarm-secrets", missing + ":" + TOKEN_FILE);
        try (RunningProvisioner provisioner = RunningProvisioner.start(properties)) {
            long launch = LaunchRows.provisioned(database, "swarm", Map.of("eu", 1));
            Map<String, Object> request = Deadline.await("the request FAILED", LIMIT,
                    () -> LaunchRows.request(database, launch), row -> "FAILED".equals(row.get("status")));
            assertTrue(String.valueOf(request.get("reason")).contains("the Swarm secret " + missing), request.toString());
            assertEquals(List.of(), docker.listServicesCmd()
                    .withLabelFilter(Map.of("io.loadstack.launch", Long.toString(launch))).exec());
        }
    }
}
