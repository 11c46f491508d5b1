package io.loadstack.launch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A locustfile launched on three agents in two regions: each agent runs Debian's Locust with its share of the
 * users, all report into the launch's one run, and the launch commits it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaunchedLocustIT {

    private LaunchStack stack;
    private StaticTarget target;

    @BeforeAll
    void start() throws Exception {
        target = StaticTarget.start();
        stack = LaunchStack.start("LaunchedLocustIT", LaunchSettings.api(), LaunchSettings.agent());
        stack.agent("eu-1", "eu");
        stack.agent("eu-2", "eu");
        stack.agent("us-1", "us");
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
    void aLocustfileOnThreeAgentsInTwoRegionsReportsExactTotalsIntoOneRun() throws Exception {
        long plan = stack.plan("shop (locust)", "locust", "shop_locustfile.py");
        long id = stack.launched(Map.of("planId", plan, "regions", Map.of("eu", 2, "us", 1), "users", 30,
                "rampUpSeconds", 2, "durationSeconds", 6, "targetHost", target.url()));

        Map<String, Object> launch = stack.awaitLaunch(id, "its end", LaunchStack::ended);
        assertEquals("COMPLETED", launch.get("status"), () -> launch + "\n" + stack.logs());
        List<Map<String, Object>> agents = LaunchStack.agentsOf(launch);
        assertEquals(3, agents.size(), launch::toString);
        long requests = 0;
        long failures = 0;
        int users = 0;
        for (Map<String, Object> agent : agents) {
            assertEquals("FINISHED", agent.get("status"), agent::toString);
            assertNotNull(agent.get("firstRequestAt"), agent::toString);
            requests += ((Number) agent.get("requests")).longValue();
            failures += ((Number) agent.get("failures")).longValue();
            users += ((Number) agent.get("users")).intValue();
        }
        assertEquals(30, users, "the users split over the agents add up to what was asked");
        assertEquals(2L, agents.stream().filter(agent -> "eu".equals(agent.get("region"))).count());
        assertTrue(requests > 0 && failures > 0, launch::toString);

        Map<String, Object> run = stack.awaitCommittedRun((String) launch.get("runUuid"));
        assertEquals(requests, ((Number) run.get("requests")).longValue(), "the run holds every request the generators counted");
        assertEquals(failures, ((Number) run.get("failures")).longValue(), "and every failure");
        // A request cut short by the end of the duration reaches the target without being counted by Locust.
        assertTrue(target.received() >= requests, "the target saw at least those: " + target.received());
        Number skew = (Number) launch.get("skewMs");
        assertNotNull(skew, launch::toString);
        System.out.printf("launched Locust: 3 agents, %d requests, %d failures, start skew %d ms%n", requests, failures,
                skew.longValue());
    }
}
