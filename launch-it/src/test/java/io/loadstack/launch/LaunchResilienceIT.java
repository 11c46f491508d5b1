package io.loadstack.launch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What goes wrong while a launch runs: a user stops it, an agent is killed, an agent is cut off from
 * Loadstack, an api-service replica dies. Each test has agents (and a region) of its own. The replica is
 * killed last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LaunchResilienceIT extends LaunchStackTest {

    private long plan;

    @BeforeAll
    void uploadThePlan() throws Exception {
        plan = stack.plan("shop (locust)", "locust", "shop_locustfile.py");
    }

    private long launchIn(String region, int agents, int durationSeconds) {
        return stack.launched(Map.of("planId", plan, "regions", Map.of(region, agents), "users", 4 * agents,
                "rampUpSeconds", 1, "durationSeconds", durationSeconds, "targetHost", target.url()));
    }

    private Map<String, Object> awaitEveryAgentRunning(long id) throws InterruptedException {
        return stack.awaitLaunch(id, "every agent RUNNING", launch -> "RUNNING".equals(launch.get("status"))
                && LaunchStack.agentsOf(launch).stream().allMatch(agent -> "RUNNING".equals(agent.get("status"))));
    }

    @Test
    @Order(1)
    void stopEndsTheLaunchWithNoGeneratorProcessOrWorkDirectoryLeft() throws Exception {
        List<LoadAgentProcess> agents = List.of(stack.agent("stop-1", "stop"), stack.agent("stop-2", "stop"));
        long id = launchIn("stop", 2, 300);
        awaitEveryAgentRunning(id);
        assertTrue(agents.stream().allMatch(agent -> !agent.children().isEmpty()), "each agent runs a generator");

        assertEquals(202, stack.stop(id).status());
        assertEquals(202, stack.stop(id).status(), "stopping twice is fine");
        Map<String, Object> launch = stack.awaitLaunch(id, "STOPPED", LaunchStack.status("STOPPED"));
        assertTrue(String.valueOf(launch.get("reason")).contains("stopped by"), launch::toString);
        for (LoadAgentProcess agent : agents) {
            stack.await(agent.name() + "'s generator gone", () -> agent.children().isEmpty());
            stack.await(agent.name() + "'s work directory gone", () -> agent.workEntries().isEmpty());
        }
        long requests = LaunchStack.agentsOf(launch).stream().mapToLong(agent -> ((Number) agent.get("requests")).longValue()).sum();
        Map<String, Object> run = stack.awaitCommittedRun((String) launch.get("runUuid"));
        assertEquals(requests, ((Number) run.get("requests")).longValue(), "the stopped run holds what the generators counted");
    }

    @Test
    @Order(2)
    void aKilledAgentIsLostAndTheLaunchGoesOnWithTheHealthyOnes() throws Exception {
        LoadAgentProcess doomed = stack.agent("kill-1", "kill");
        stack.agent("kill-2", "kill");
        stack.agent("kill-3", "kill");
        long id = launchIn("kill", 3, 300);
        awaitEveryAgentRunning(id);
        List<ProcessHandle> orphans = doomed.children();
        assertTrue(!orphans.isEmpty(), "the agent runs a generator");

        doomed.kill9();
        Map<String, Object> launch = stack.awaitLaunch(id, "kill-1 LOST", state -> LaunchStack.agentsOf(state).stream()
                .anyMatch(agent -> "kill-1".equals(agent.get("name")) && "LOST".equals(agent.get("status"))));
        assertEquals("RUNNING", launch.get("status"), "2 of 3 agents healthy meet the default policy (half): " + launch);
        // The generator of a killed agent notices its parent is gone and ends its load by itself.
        stack.await("the killed agent's generator gone", () -> orphans.stream().noneMatch(ProcessHandle::isAlive));

        assertEquals(202, stack.stop(id).status());
        stack.awaitLaunch(id, "STOPPED", LaunchStack.status("STOPPED"));
    }

    @Test
    @Order(3)
    void anAgentCutOffFromLoadstackStopsItsGeneratorWithinItsLease() throws Exception {
        LoadAgentProcess agent = stack.agent("cut-1", "cut");
        long id = launchIn("cut", 1, 300);
        awaitEveryAgentRunning(id);
        assertTrue(!agent.children().isEmpty(), "the agent runs a generator");

        long cutAt = System.nanoTime();
        agent.cutOff();
        stack.await("the cut-off agent's generator gone", () -> agent.children().isEmpty());
        System.out.printf("an agent cut off from Loadstack stopped its generator %.1f s after the cut (lease %s)%n",
                (System.nanoTime() - cutAt) / 1e9, LaunchSettings.agent().get("LOADSTACK_AGENT_LEASE"));
        long afterStop = target.received();
        Thread.sleep(1500);
        // Other tests' launches are over: nothing else sends to the target.
        assertEquals(afterStop, target.received(), "no load after the generator stopped");
        assertTrue(agent.isAlive(), "the agent itself keeps trying to reach Loadstack");
        Map<String, Object> launch = stack.awaitLaunch(id, "its end", LaunchStack::ended);
        assertEquals("STOPPED", launch.get("status"), "its only agent lost, the launch stops: " + launch);
    }

    @Test
    @Order(4)
    void aLaunchCompletesWhenAnApiReplicaIsKilledMidway() throws Exception {
        stack.agent("replica-1", "replica");
        stack.agent("replica-2", "replica");
        long id = launchIn("replica", 2, 8);
        awaitEveryAgentRunning(id);

        stack.replica(0).kill9();
        Map<String, Object> launch = stack.awaitLaunch(id, "its end", LaunchStack::ended);
        assertEquals("COMPLETED", launch.get("status"), launch::toString);
        long requests = LaunchStack.agentsOf(launch).stream().mapToLong(agent -> ((Number) agent.get("requests")).longValue()).sum();
        Map<String, Object> run = stack.awaitCommittedRun((String) launch.get("runUuid"));
        assertEquals(requests, ((Number) run.get("requests")).longValue());
    }
}
