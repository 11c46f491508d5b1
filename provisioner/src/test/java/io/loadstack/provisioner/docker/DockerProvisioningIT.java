package io.loadstack.provisioner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.loadstack.provisioner.Deadline;
import io.loadstack.provisioner.LaunchRows;
import io.loadstack.provisioner.RunningProvisioner;
import io.loadstack.provisioner.TestDocker;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine docker against the real Docker engine: containers made, their states followed, removed at teardown. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerProvisioningIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    private final String scope = "it-docker-" + UUID.randomUUID().toString().substring(0, 8);
    private TestDatabase database;
    private RunningProvisioner provisioner;
    private DockerClient docker;

    @BeforeAll
    void start() {
        database = LaunchRows.schema("DockerProvisioningIT");
        provisioner = RunningProvisioner.start(RunningProvisioner.properties(database, "it-docker", scope));
        docker = TestDocker.client();
    }

    @AfterAll
    void stop() throws IOException {
        if (provisioner != null) {
            provisioner.close();
        }
        for (Container left : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.loadstack.scope", scope)).exec()) {
            docker.removeContainerCmd(left.getId()).withForce(true).exec();
        }
        docker.close();
        database.close();
    }

    @Test
    void agentsAreMadeFollowedAndRemovedWithTheirLaunch() {
        long launch = LaunchRows.provisioned(database, "docker", Map.of("eu", 2, "us", 1));
        List<String> agents = List.of(LaunchRows.agentName(launch, "eu", 1), LaunchRows.agentName(launch, "eu", 2),
                LaunchRows.agentName(launch, "us", 1));

        for (String agent : agents) {
            Deadline.await(agent + " HEALTHY (Docker's health_status event)", LIMIT,
                    () -> LaunchRows.agent(database, launch, agent), row -> "HEALTHY".equals(row.get("state")));
        }
        assertEquals("CLAIMED", LaunchRows.request(database, launch).get("status"));
        assertEquals("it-docker", LaunchRows.request(database, launch).get("claimed_by"));

        InspectContainerResponse container = docker.inspectContainerCmd("loadstack-agent-" + agents.get(0)).exec();
        Map<String, String> labels = container.getConfig().getLabels();
        assertEquals(Long.toString(launch), labels.get("io.loadstack.launch"));
        assertEquals(agents.get(0), labels.get("io.loadstack.agent"));
        assertEquals("eu", labels.get("io.loadstack.region"));
        assertEquals("loadstack-provisioner", labels.get("io.loadstack.managed-by"));
        List<String> env = List.of(container.getConfig().getEnv());
        assertTrue(env.contains("LOADSTACK_AGENT_NAME=" + agents.get(0)), env.toString());
        assertTrue(env.contains("LOADSTACK_AGENT_REGION=eu"), env.toString());
        assertEquals(64L * 1024 * 1024, container.getHostConfig().getMemory(), "memory limit");
        assertEquals(container.getId(), LaunchRows.agent(database, launch, agents.get(0)).get("container_id"));

        LaunchRows.setLaunchStatus(database, launch, "COMPLETED");
        Deadline.await("the request RELEASED once its launch COMPLETED", LIMIT,
                () -> LaunchRows.request(database, launch).get("status"), "RELEASED"::equals);
        for (String agent : agents) {
            assertEquals("REMOVED", LaunchRows.agent(database, launch, agent).get("state"));
            assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd("loadstack-agent-" + agent).exec());
        }
    }

    @Test
    void aMissingImageFailsTheRequestWithWhatToDo() {
        // A schema of its own: the provisioner above, whose image is there, must not claim this request.
        try (TestDatabase own = LaunchRows.schema("DockerMissingImageIT")) {
            Map<String, Object> properties = RunningProvisioner.properties(own, "it-missing-image", scope);
            properties.put("loadstack.provisioner.agent-image", "loadstack/no-such-agent:none");
            try (RunningProvisioner missing = RunningProvisioner.start(properties)) {
                long launch = LaunchRows.provisioned(own, "docker", Map.of("eu", 1));
                Map<String, Object> request = Deadline.await("the request FAILED", LIMIT,
                        () -> LaunchRows.request(own, launch), row -> "FAILED".equals(row.get("status")));
                String reason = (String) request.get("reason");
                assertTrue(reason.contains("loadstack/no-such-agent:none")
                        && reason.contains("LOADSTACK_PROVISIONER_AGENT_IMAGE"), reason);
                assertEquals("FAILED", LaunchRows.agent(own, launch, LaunchRows.agentName(launch, "eu", 1)).get("state"));
            }
        }
    }

    @Test
    void itAnswersItsHealthcheck() {
        HttpCall.Response response = HttpCall.get(provisioner.url() + "/api/healthcheck").send();
        assertEquals(200, response.status(), response.body());
        assertTrue(response.body().contains("\"service\":\"provisioner\""), response.body());
    }
}
