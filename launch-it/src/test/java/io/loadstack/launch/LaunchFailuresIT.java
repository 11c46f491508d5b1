package io.loadstack.launch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launches that cannot run end FAILED with a reason that says what to fix, and never hang. */
class LaunchFailuresIT extends LaunchStackTest {


    @BeforeAll
    void startAgents() throws Exception {
        stack.agent("fail-1", "eu");
    }

    @Test
    void aLocustfileThatDoesNotImportFailsAtPreparingWithPythonsMessage() throws Exception {
        long plan = stack.plan("broken (locust)", "locust", "broken_locustfile.py");
        long id = stack.launched(Map.of("planId", plan, "regions", Map.of("eu", 1), "users", 1,
                "rampUpSeconds", 0, "durationSeconds", 5, "targetHost", target.url()));
        Map<String, Object> launch = stack.awaitLaunch(id, "FAILED", LaunchStack.status("FAILED"));
        String reason = String.valueOf(launch.get("reason"));
        assertTrue(reason.contains("SyntaxError") && reason.contains("line 3"), reason);
        assertEquals("FAILED", LaunchStack.agentsOf(launch).get(0).get("status"));
        assertEquals(null, launch.get("startAt"), "it never started");
        assertEquals(0L, target.received());
    }

    @Test
    void aJmeterPlanThatDoesNotLoadFailsAtPreparingWithJmetersMessage() throws Exception {
        long plan = stack.plan("broken (jmeter)", "jmeter", "broken.jmx");
        long id = stack.launched(Map.of("planId", plan, "regions", Map.of("eu", 1), "users", 1,
                "rampUpSeconds", 0, "durationSeconds", 5, "targetHost", target.url()));
        Map<String, Object> launch = stack.awaitLaunch(id, "FAILED", LaunchStack.status("FAILED"));
        String reason = String.valueOf(launch.get("reason"));
        assertTrue(reason.contains("NoSuchSampler"), reason);
        assertEquals(null, launch.get("startAt"), "it never started");
    }

    @Test
    void aLaunchThatAbortsOnFailStopsWhenALiveThresholdFails() throws Exception {
        long plan = stack.plan("shop with thresholds (locust)", "locust", "shop_locustfile.py");
        // a third of the shop's requests fail: the first live record breaks "errors < 1%"
        long id = stack.launched(Map.of("planId", plan, "regions", Map.of("eu", 1), "users", 2,
                "rampUpSeconds", 0, "durationSeconds", 600, "targetHost", target.url(),
                "thresholds", java.util.List.of("errors < 1%"), "abortOnFail", true, "abortDelaySeconds", 0));
        Map<String, Object> launch = stack.awaitLaunch(id, "STOPPED", LaunchStack.status("STOPPED"));
        String reason = String.valueOf(launch.get("reason"));
        assertTrue(reason.contains("abortOnFail") && reason.contains("errors < 1%"), reason);
        Map<String, Object> verdict = stack.get("/api/runs/" + launch.get("runUuid") + "/verdict?wait=20").json();
        assertEquals("FAILED", verdict.get("verdict"), verdict::toString);
        stack.await("the agent free again", () -> stack.get("/api/agents").jsonList().stream()
                .anyMatch(agent -> "fail-1".equals(agent.get("name")) && "IDLE".equals(agent.get("status"))));
    }

    @Test
    void aRegionWithoutAgentsFailsAfterTheReadinessTimeoutNamingTheRegion() throws Exception {
        long plan = stack.plan("shop (locust)", "locust", "shop_locustfile.py");
        long id = stack.launched(Map.of("planId", plan, "regions", Map.of("eu", 1, "mars", 1), "users", 2,
                "rampUpSeconds", 0, "durationSeconds", 5, "targetHost", target.url()));
        Map<String, Object> launch = stack.awaitLaunch(id, "FAILED", LaunchStack.status("FAILED"));
        String reason = String.valueOf(launch.get("reason"));
        assertTrue(reason.contains("mars"), reason);
        assertEquals(null, launch.get("startAt"), "it never started");
        stack.await("the eu agent stood down", () -> stack.get("/api/agents").jsonList().stream()
                .anyMatch(agent -> "fail-1".equals(agent.get("name")) && "IDLE".equals(agent.get("status"))));
    }
}
