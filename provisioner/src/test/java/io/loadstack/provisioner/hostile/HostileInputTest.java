package io.loadstack.provisioner.hostile;

import io.loadstack.provisioner.LaunchRows;
import io.loadstack.provisioner.RunningProvisioner;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.loadstack.testsupport.hostile.HostileCorpus;
import io.loadstack.testsupport.hostile.HostileRun;
import io.loadstack.testsupport.hostile.HostileTokens;
import io.loadstack.testsupport.hostile.Route;
import io.loadstack.testsupport.hostile.RouterRoutes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.UUID;

import static io.loadstack.testsupport.hostile.Route.Auth.ANONYMOUS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provisioner's few routes (its healthcheck) under the seeded corpus of hostile requests (test-support
 * {@code hostile}): no 5xx, and every 4xx a JSON {@code {"error"}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final int MAX_BODY = 64 * 1024;
    private static final String SECRET = "provisioner-test-secret-0123456789abcdef0123456789";

    private TestDatabase database;
    private EmbeddedServer server;

    @BeforeAll
    void start() {
        database = LaunchRows.schema("ProvisionerHostileInputTest");
        server = ApplicationContext.run(EmbeddedServer.class, RunningProvisioner.properties(database,
                "hostile", "hostile-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    private List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/healthcheck", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health/{selector}", ANONYMOUS, MAX_BODY).path("selector", "liveness"));
    }

    @Test
    void everyRouteHasAHostileCorpus() {
        String gaps = HostileRun.coverageGaps(RouterRoutes.of(server.getApplicationContext()), routes());
        assertTrue(gaps.isEmpty(), gaps);
    }

    @Test
    void hostileRequestsNeverGetA5xxAndAlwaysAJsonError() {
        HostileTokens tokens = HostileTokens.of(SECRET, "nobody", null, null);
        HostileCorpus corpus = HostileCorpus.seeded(tokens, 150);
        HostileRun result = HostileRun.against(server.getURL().toString()).sendCorpus(corpus, routes());
        System.out.println("hostile input: " + result.sent() + " requests to the provisioner, " + result.failures().size() + " failures");
        assertAll(
                () -> assertTrue(result.failures().isEmpty(), result.table(corpus.seed())),
                () -> assertEquals(200, HttpCall.get(server.getURL() + "/api/healthcheck").send().status(), "still healthy after the corpus"));
    }
}
