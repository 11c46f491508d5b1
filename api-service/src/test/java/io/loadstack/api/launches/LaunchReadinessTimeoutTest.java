package io.loadstack.api.launches;

import io.loadstack.api.ApiServerTest;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness timeout, run by the timer on a short setting: a region short of agents fails the launch by name. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchReadinessTimeoutTest extends ApiServerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private String agentToken;
    private long plan;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("loadstack.launches.readiness-timeout", "4s");
        return properties;
    }

    @BeforeAll
    void makeAnAgentTokenAndAPlan() {
        agentToken = (String) HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"agents\"}").bearer(admin).send().json().get("token");
        plan = TestPlans.locust(url(""), admin, "shop");
    }

    @Test
    void aRegionWithoutAgentsFailsTheLaunchAtTheReadinessTimeoutNamingTheRegion() throws InterruptedException {
        TestAgent ready = new TestAgent(server.getURL().toString(), agentToken, "eu-1", "eu");
        assertEquals(List.of(), ready.commands());
        HttpCall.Response created = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", plan,
                "regions", Map.of("eu", 1, "mars", 1), "users", 2, "durationSeconds", 30, "targetHost", "http://shop.internal")))
                .bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        long id = ((Number) created.json().get("id")).longValue();
        assertEquals(List.of("region mars: no agent online"), launch(id).get("shortfalls"));

        ready.command("assign", id);
        ready.hold(id, "PREPARING", null, false);
        ready.reported(id, "PREPARING");
        assertEquals("PREPARING", ready.reported(id, "READY"), "waiting for the region that has no agent");

        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!"FAILED".equals(launch(id).get("status"))) {
            assertTrue(System.nanoTime() < deadline, "the launch never failed: " + launch(id));
            Thread.sleep(100);
        }
        Map<String, Object> launch = launch(id);
        assertTrue(((String) launch.get("reason")).contains("region mars: no agent online"), launch.toString());
        assertNull(launch.get("startAt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> share = ((List<Map<String, Object>>) launch.get("agents")).get(0);
        assertEquals("FINISHED", share.get("status"), "the ready agent is stood down");
        ready.hold(id, "READY", null, false);
        assertEquals("stop", ready.command("stop", id).get("type"));
        assertTrue(database.row("SELECT t.revoked_at FROM ingest_tokens t JOIN launches l ON l.ingest_token_id = t.id WHERE l.id = ?", id)
                .get("revoked_at") != null, "a launch that never started has no run to commit: its token goes at once");
    }

    private Map<String, Object> launch(long id) {
        HttpCall.Response launch = HttpCall.get(url("/api/launches/" + id)).bearer(admin).send();
        assertEquals(200, launch.status(), launch.toString());
        return launch.json();
    }
}
