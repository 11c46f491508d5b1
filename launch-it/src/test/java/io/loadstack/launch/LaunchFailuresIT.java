package io.loadstack.launch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launches that cannot run end FAILED with a reason that says what to fix, and never hang. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchFailuresIT {

    private LaunchStack stack;
    private StaticTarget target;

    @BeforeAll
    void start() throws Exception {
        target = StaticTarget.start();
        stack = LaunchStack.start("LaunchFailuresIT", LaunchSettings.api(), LaunchSettings.agent());
        stack.agent("fail-1", "eu");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (target != null) {
            target.close();
        }
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
