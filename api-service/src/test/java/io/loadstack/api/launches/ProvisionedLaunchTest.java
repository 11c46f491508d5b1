package io.loadstack.api.launches;

import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launches whose agents are started for them: the api-service's side of the provisioners' queue, over HTTP and
 * MySQL. The provisioner's side is the provisioner module's; here its writes are made as it makes them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionedLaunchTest extends AdminLaunchTest {

    @Override
    protected Map<String, String> launchSettings() {
        return Map.of("loadstack.launches.provision-claim-timeout", "6s");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProvisionedLaunchNamesItsAgentsAfterItselfAndQueuesTheirStart() {
        long id = launch("docker", Map.of("eu", 2, "us", 1));
        Map<String, Object> launch = launch(id);
        assertEquals("docker", launch.get("provision"));
        assertEquals(List.of(), launch.get("shortfalls"), "no agent needs to be online for it");
        assertEquals(List.of("l" + id + "-eu-1", "l" + id + "-eu-2", "l" + id + "-us-1"),
                names((List<Map<String, Object>>) launch.get("agents")));
        List<Map<String, Object>> containers = (List<Map<String, Object>>) launch.get("containers");
        assertEquals(List.of("l" + id + "-eu-1", "l" + id + "-eu-2", "l" + id + "-us-1"), names(containers));
        assertTrue(containers.stream().allMatch(c -> "REQUESTED".equals(c.get("state"))), containers.toString());
        Map<String, Object> request = database.row("SELECT engine, status FROM provision_requests WHERE launch_id = ?", id);
        assertEquals(Map.of("engine", "docker", "status", "QUEUED"), request);
        stop(id);
    }

    @Test
    void theAgentStartedForALaunchGetsItsShareAndNoOtherLaunchEverTakesIt() {
        long id = launch("swarm", Map.of("north", 1));
        claim(id);
        TestAgent started = new TestAgent(server.getURL().toString(), agentToken, "l" + id + "-north-1", "north");
        Map<String, Object> assign = started.command("assign", id);
        assertEquals(10, ((Number) assign.get("users")).intValue());

        stop(id);
        assertEquals("STOPPED", launch(id).get("status"));
        assertEquals(List.of(), started.commands(), "its launch is over and it holds nothing: it is idle");
        HttpCall.Response other = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", plan,
                "regions", Map.of("north", 1), "users", 1, "durationSeconds", 30, "targetHost", "http://shop.internal")))
                .bearer(admin).send();
        assertEquals(201, other.status(), other.toString());
        long otherId = ((Number) other.json().get("id")).longValue();
        assertEquals(List.of("region north: no agent online"), launch(otherId).get("shortfalls"),
                "an agent started for launch " + id + " is that launch's alone");
        assertEquals(List.of(), started.commands());
        stop(otherId);
    }

    @Test
    void aRequestThatNoProvisionerTakesFailsTheLaunchSayingWhatToStart() throws InterruptedException {
        long id = launch("docker", Map.of("eu", 1));
        Map<String, Object> launch = awaitStatus(id, "FAILED");
        String reason = (String) launch.get("reason");
        assertTrue(reason.contains("no provisioner took the request") && reason.contains("--profile provisioner"), reason);
    }

    @Test
    void aRequestTheProvisionerCannotServeFailsTheLaunchWithItsReason() throws InterruptedException {
        long id = launch("docker", Map.of("eu", 1));
        claim(id);
        update("UPDATE provision_requests SET status = 'FAILED', reason = ? WHERE launch_id = ?",
                "the image loadstack/load-agent:latest is not on this Docker engine: build it (docker compose build agent)", id);
        Map<String, Object> launch = awaitStatus(id, "FAILED");
        assertEquals("provisioning failed: the image loadstack/load-agent:latest is not on this Docker engine:"
                + " build it (docker compose build agent)", launch.get("reason"));
    }

    @Test
    void aProvisionedLaunchAsksForAnEngineItKnowsAndRegionsThatCanNameContainers() {
        HttpCall.Response unknown = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", plan,
                "regions", Map.of("eu", 1), "users", 1, "durationSeconds", 30, "targetHost", "http://shop.internal",
                "provision", "kubernetes"))).bearer(admin).send();
        assertEquals(422, unknown.status(), unknown.toString());
        assertTrue(((String) unknown.json().get("error")).contains("provision must be \"docker\" or \"swarm\""), unknown.toString());
        HttpCall.Response region = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", plan,
                "regions", Map.of("eu_west.1", 1), "users", 1, "durationSeconds", 30, "targetHost", "http://shop.internal",
                "provision", "docker"))).bearer(admin).send();
        assertEquals(422, region.status(), region.toString());
        assertTrue(((String) region.json().get("error")).contains("names its containers"), region.toString());
    }

    private long launch(String provision, Map<String, Integer> regions) {
        HttpCall.Response created = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", plan,
                "regions", regions, "users", 10, "durationSeconds", 30, "targetHost", "http://shop.internal",
                "provision", provision))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return ((Number) created.json().get("id")).longValue();
    }

    /** What a provisioner does first: takes the request, so that the claim timeout does not fail the launch. */
    private void claim(long id) {
        update("UPDATE provision_requests SET status = 'CLAIMED', claimed_by = 'test' WHERE launch_id = ?", id);
    }

    private void update(String sql, Object... parameters) {
        assertTrue(database.update(sql, parameters) >= 1, sql);
    }

    private static List<Object> names(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("name")).toList();
    }
}
