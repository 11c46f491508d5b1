package io.loadstack.provisioner.teardown;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import io.loadstack.provisioner.Deadline;
import io.loadstack.provisioner.LaunchRows;
import io.loadstack.provisioner.RunningProvisioner;
import io.loadstack.provisioner.TestDocker;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a provisioner that is gone left behind, against the real Docker engine: a second provisioner sweeps what
 * belongs to ended or unknown launches at its start, and takes over (without making anything twice) the request
 * of a launch still running once the first one's lease has passed.
 */
class SweepIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    private final String scope = "it-sweep-" + UUID.randomUUID().toString().substring(0, 8);
    private TestDatabase database;
    private DockerClient docker;

    @BeforeEach
    void schema() {
        database = LaunchRows.schema("SweepIT");
        docker = TestDocker.client();
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Container left : ours()) {
            docker.removeContainerCmd(left.getId()).withForce(true).exec();
        }
        docker.close();
        database.close();
    }

    private List<Container> ours() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.loadstack.scope", scope)).exec();
    }

    private List<String> namesOf(long launch) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.loadstack.scope", scope, "io.loadstack.launch", Long.toString(launch)))
                .exec().stream().map(c -> c.getNames()[0].substring(1)).sorted().toList();
    }

    @Test
    void aSecondProvisionerSweepsWhatTheFirstLeftAndTakesOverWhatStillRuns() {
        long ended;
        long running;
        String runningContainerId;
        try (RunningProvisioner first = RunningProvisioner.start(RunningProvisioner.properties(database, "it-first", scope))) {
            ended = LaunchRows.provisioned(database, "docker", Map.of("eu", 2));
            running = LaunchRows.provisioned(database, "docker", Map.of("us", 1));
            for (String agent : List.of(LaunchRows.agentName(ended, "eu", 1), LaunchRows.agentName(ended, "eu", 2))) {
                Deadline.await(agent + " HEALTHY", LIMIT, () -> LaunchRows.agent(database, ended, agent),
                        row -> "HEALTHY".equals(row.get("state")));
            }
            Deadline.await("the running launch's agent HEALTHY", LIMIT,
                    () -> LaunchRows.agent(database, running, LaunchRows.agentName(running, "us", 1)),
                    row -> "HEALTHY".equals(row.get("state")));
            runningContainerId = (String) LaunchRows.agent(database, running, LaunchRows.agentName(running, "us", 1))
                    .get("container_id");
            // The first provisioner stops holding its claims (what a kill -9 leaves: containers and leases).
        }
        // Left behind as well: a container labelled for a launch this database never had.
        String stray = stray("424242424242");
        LaunchRows.setLaunchStatus(database, ended, "COMPLETED");
        assertEquals(2, namesOf(ended).size(), "the first provisioner left its containers: " + namesOf(ended));

        // The second one is another provisioner (not the first restarted): it may take the claims only once
        // their leases pass, but its sweep at start removes what belongs to ended or unknown launches at once.
        try (RunningProvisioner second = RunningProvisioner.start(RunningProvisioner.properties(database, "it-second", scope))) {
            Deadline.await("the ended launch's containers and the stray one swept", LIMIT,
                    () -> namesOf(ended).size() + namesOf(424242424242L).size(), n -> n == 0);
            assertTrue(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(stray)).exec().isEmpty());
            assertEquals(List.of("loadstack-agent-" + LaunchRows.agentName(running, "us", 1)), namesOf(running),
                    "the running launch's agent is kept");

            Deadline.await("the running launch's request taken over by the second provisioner", LIMIT,
                    () -> LaunchRows.request(database, running).get("claimed_by"), "it-second"::equals);
            assertEquals(runningContainerId, docker.inspectContainerCmd("loadstack-agent-"
                    + LaunchRows.agentName(running, "us", 1)).exec().getId(), "taken as made, not made again");

            LaunchRows.setLaunchStatus(database, running, "STOPPED");
            Deadline.await("the running launch's request RELEASED once it stopped", LIMIT,
                    () -> LaunchRows.request(database, running).get("status"), "RELEASED"::equals);
            assertEquals(List.of(), namesOf(running));
            assertEquals("REMOVED", LaunchRows.agent(database, running, LaunchRows.agentName(running, "us", 1)).get("state"));
            assertEquals("REMOVED", LaunchRows.agent(database, ended, LaunchRows.agentName(ended, "eu", 1)).get("state"));
        }
    }

    private String stray(String launchLabel) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("io.loadstack.managed-by", "loadstack-provisioner");
        labels.put("io.loadstack.scope", scope);
        labels.put("io.loadstack.launch", launchLabel);
        labels.put("io.loadstack.agent", "l" + launchLabel + "-eu-1");
        try (CreateContainerCmd create = docker.createContainerCmd(RunningProvisioner.STAND_IN_IMAGE)) {
            String id = create.withLabels(labels).withCmd("sleep", "infinity")
                    .withHostConfig(HostConfig.newHostConfig().withMemory(64L * 1024 * 1024)).exec().getId();
            docker.startContainerCmd(id).exec();
            return id;
        }
    }
}
