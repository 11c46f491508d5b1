package io.loadstack.api.launches;

import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness timeout, run by the timer on a short setting: a region short of agents fails the launch by name. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchReadinessTimeoutTest extends AdminLaunchTest {

    @Override
    protected Map<String, String> launchSettings() {
        return Map.of("loadstack.launches.readiness-timeout", "4s");
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

        Map<String, Object> launch = awaitStatus(id, "FAILED");
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
}
