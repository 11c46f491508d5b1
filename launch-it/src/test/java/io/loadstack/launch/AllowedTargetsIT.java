package io.loadstack.launch;

import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who decides where load goes: Loadstack refuses a launch outside its allowed targets, and an agent whose own
 * LOADSTACK_AGENT_ALLOWED_TARGETS leaves the target out refuses its share, which the launch then shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowedTargetsIT {

    private LaunchStack stack;
    private StaticTarget target;

    @BeforeAll
    void startLoadstackATargetAndANarrowAgent() throws Exception {
        target = StaticTarget.start();
        Map<String, String> api = new HashMap<>(LaunchSettings.api());
        api.put("LOADSTACK_ALLOWED_TARGETS", "127.0.0.0/8");
        Map<String, String> agent = new HashMap<>(LaunchSettings.agent());
        agent.put("LOADSTACK_AGENT_ALLOWED_TARGETS", "shop.internal,10.0.0.0/8");
        stack = LaunchStack.start(getClass().getSimpleName(), api, agent);
        stack.agent("narrow-1", "eu");
    }

    @AfterAll
    void stopLoadstackAndTarget() {
        if (stack != null) {
            stack.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aLaunchOutsideLoadstacksListIsRefusedNamingTheTarget() throws Exception {
        long plan = stack.plan("shop outside (locust)", "locust", "shop_locustfile.py");
        HttpCall.Response refused = stack.launch(Map.of("planId", plan, "regions", Map.of("eu", 1), "users", 1,
                "rampUpSeconds", 0, "durationSeconds", 5, "targetHost", "http://shop.internal:8080"));
        assertEquals(403, refused.status(), refused.toString());
        String error = (String) refused.json().get("error");
        assertTrue(error.contains("http://shop.internal:8080") && error.contains("Allowed targets page"), error);
    }

    @Test
    void anAgentWhoseOwnListLeavesTheTargetOutRefusesItsShareAndTheLaunchSaysWhy() throws Exception {
        long plan = stack.plan("shop (locust)", "locust", "shop_locustfile.py");
        long id = stack.launched(Map.of("planId", plan, "regions", Map.of("eu", 1), "users", 1,
                "rampUpSeconds", 0, "durationSeconds", 5, "targetHost", target.url()));
        Map<String, Object> launch = stack.awaitLaunch(id, "FAILED", LaunchStack.status("FAILED"));
        Map<String, Object> agent = LaunchStack.agentsOf(launch).get(0);
        assertEquals("FAILED", agent.get("status"), launch.toString());
        String agentReason = String.valueOf(agent.get("reason"));
        assertTrue(agentReason.contains("refuses the target " + target.url())
                && agentReason.contains("LOADSTACK_AGENT_ALLOWED_TARGETS (shop.internal,10.0.0.0/8)"), agentReason);
        String reason = String.valueOf(launch.get("reason"));
        assertTrue(reason.contains("narrow-1") && reason.contains("LOADSTACK_AGENT_ALLOWED_TARGETS")
                && reason.contains(target.url()), reason);
        assertEquals(null, launch.get("startAt"), "it never started");
        assertEquals(0L, target.received(), "no request reached the target");
        stack.await("the agent free again", () -> stack.get("/api/agents").jsonList().stream()
                .anyMatch(a -> "narrow-1".equals(a.get("name")) && "IDLE".equals(a.get("status"))));
    }
}
