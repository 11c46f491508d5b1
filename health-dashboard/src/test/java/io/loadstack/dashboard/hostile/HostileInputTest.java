package io.loadstack.dashboard.hostile;

import io.loadstack.dashboard.DashboardTestSupport;
import io.loadstack.dashboard.FakeService;
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

import static io.loadstack.testsupport.hostile.JsonText.obj;
import static io.loadstack.testsupport.hostile.Route.Auth.ANONYMOUS;
import static io.loadstack.testsupport.hostile.Route.Auth.JWT;
import static io.loadstack.testsupport.hostile.Route.Auth.JWT_QUERY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the health dashboard under a seeded corpus of hostile requests (see the test-support
 * package {@code hostile}): no 5xx, and every 4xx a JSON {@code {"error"}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final int MAX_BODY = 64 * 1024;

    private final TestDatabase database = TestDatabase.fresh("DashboardHostileInputTest");
    private final FakeService target = new FakeService();
    private EmbeddedServer server;
    private String jwt;

    @BeforeAll
    void start() {
        DashboardTestSupport.createUsers(database);
        server = ApplicationContext.run(EmbeddedServer.class, DashboardTestSupport.properties(database, "fake=" + target.url()));
        jwt = DashboardTestSupport.login(server.getURL().toString());
    }

    @AfterAll
    void stop() {
        server.close();
        target.close();
        database.close();
    }

    /** Each route of the service with a valid request; the corpus makes one part of it hostile at a time. */
    private List<Route> routes() {
        return List.of(
                Route.of("GET", "/", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/index.html", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/api/healthcheck", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health/{selector}", ANONYMOUS, MAX_BODY).path("selector", "liveness"),
                Route.of("GET", "/prometheus", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/token_info", JWT, MAX_BODY),
                Route.of("POST", "/token_info", JWT, MAX_BODY).body(obj("token", "x")),
                // A wrong password keeps the operator signed in; the throttle answers 429 in JSON when it trips.
                Route.of("POST", "/auth", ANONYMOUS, MAX_BODY).body(obj("username", DashboardTestSupport.USER, "password", "wrong-password")),
                Route.of("POST", "/login", ANONYMOUS, MAX_BODY).body(obj("username", DashboardTestSupport.USER, "password", "wrong-password")),
                // The second step of a sign-in, with a token nobody was given.
                Route.of("POST", "/auth/mfa", ANONYMOUS, MAX_BODY).body(obj("mfa_token", "lsm_nobody-was-given-this", "code", "123456")),
                Route.of("POST", "/auth/mfa/enroll", ANONYMOUS, MAX_BODY).body(obj("mfa_token", "lsm_nobody-was-given-this")),
                Route.of("POST", "/auth/mfa/enroll/confirm", ANONYMOUS, MAX_BODY).body(obj("mfa_token", "lsm_nobody-was-given-this", "code", "123456")),
                Route.of("GET", "/api/services", JWT, MAX_BODY),
                Route.of("GET", "/api/history", JWT, MAX_BODY).query("minutes", "30"),
                Route.of("GET", "/api/events", JWT, MAX_BODY).query("limit", "100"),
                Route.of("WEBSOCKET", "/ws/health", JWT_QUERY, MAX_BODY).query("token", jwt));
    }

    @Test
    void everyRouteHasAHostileCorpus() {
        String gaps = HostileRun.coverageGaps(RouterRoutes.of(server.getApplicationContext()), routes());
        assertTrue(gaps.isEmpty(), gaps);
    }

    @Test
    void hostileRequestsNeverGetA5xxAndAlwaysAJsonError() {
        HostileTokens tokens = HostileTokens.of(DashboardTestSupport.SECRET, DashboardTestSupport.USER, jwt, null);
        HostileCorpus corpus = HostileCorpus.seeded(tokens, 150);
        HostileRun result = HostileRun.against(server.getURL().toString()).sendCorpus(corpus, routes());
        System.out.println("hostile input: " + result.sent() + " requests to the health dashboard, " + result.failures().size() + " failures");
        assertAll(
                () -> assertTrue(result.failures().isEmpty(), result.table(corpus.seed())),
                () -> assertEquals(200, HttpCall.get(server.getURL() + "/api/healthcheck").send().status(), "still healthy after the corpus"));
    }
}
