package io.loadstack.api.runs.retention;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.runs.RunFixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With LOADSTACK_RUN_RETENTION set, the service deletes old runs by itself. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionScheduleTest extends ApiServerTest {

    private final RunFixtures fixtures = new RunFixtures(database);

    @Override
    public Map<String, String> getProperties() {
        RunFixtures.createTables(database);
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("loadstack.run-retention", "30d");
        properties.put("loadstack.retention-interval", "1s");
        return properties;
    }

    @Test
    void theServiceDeletesOldRunsOnItsOwn() throws InterruptedException {
        String old = fixtures.insert(RunFixtures.run().name("old").startedAt(Instant.parse("2020-01-01T00:00:00Z")));
        String recent = fixtures.insert(RunFixtures.run().name("recent").startedAt(Instant.now().minus(Duration.ofDays(29))));
        Instant deadline = Instant.now().plusSeconds(60);
        while (fixtures.count("runs", old) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(0, fixtures.count("runs", old), "deleted within a minute, at a pass a second");
        assertEquals(0, fixtures.count("run_intervals", old));
        assertEquals(1, fixtures.count("runs", recent));
    }
}
