package io.loadstack.api.launches;

import io.loadstack.api.ApiServerTest;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An api-service whose launch timers run on a short setting ({@link #launchSettings}), with an agent token and a
 * Locust plan made at the start; the admin launches, reads and stops. Annotate the class as {@link ApiServerTest} says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminLaunchTest extends ApiServerTest {

    /** How long a test waits for a timer to move a launch. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    protected String agentToken;
    protected long plan;

    /** @return the {@code loadstack.launches.*} settings this test shortens */
    protected abstract Map<String, String> launchSettings();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(launchSettings());
        return properties;
    }

    @BeforeAll
    void makeAnAgentTokenAndAPlan() {
        HttpCall.Response token = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"agents\"}").bearer(admin).send();
        assertEquals(201, token.status(), token.toString());
        agentToken = (String) token.json().get("token");
        plan = TestPlans.locust(url(""), admin, "shop");
    }

    protected Map<String, Object> launch(long id) {
        HttpCall.Response launch = HttpCall.get(url("/api/launches/" + id)).bearer(admin).send();
        assertEquals(200, launch.status(), launch.toString());
        return launch.json();
    }

    protected void stop(long id) {
        assertEquals(202, HttpCall.post(url("/api/launches/" + id + "/stop"), "").bearer(admin).send().status());
    }

    protected Map<String, Object> awaitStatus(long id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!status.equals(launch(id).get("status"))) {
            assertTrue(System.nanoTime() < deadline, "launch " + id + " never became " + status + ": " + launch(id));
            Thread.sleep(100);
        }
        return launch(id);
    }
}
