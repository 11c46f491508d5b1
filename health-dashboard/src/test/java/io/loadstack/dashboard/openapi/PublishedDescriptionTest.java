package io.loadstack.dashboard.openapi;

import io.loadstack.dashboard.DashboardTestSupport;
import io.loadstack.dashboard.FakeService;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.loadstack.testsupport.openapi.DescribesEveryRoute;
import io.loadstack.testsupport.openapi.PublishedDescription;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health dashboard's published OpenAPI description cannot drift from the code: every route is in it, and a
 * real answer of each route matches what it describes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedDescriptionTest implements DescribesEveryRoute {

    /**
     * The page and its files (hidden on purpose), the management endpoints nginx does not route, Micronaut
     * Security's own token introspection, and the live websocket, which OpenAPI cannot describe.
     */
    private static final Set<String> LEFT_OUT = Set.of("GET /", "GET /index.html", "GET /health", "GET /health/{selector}",
            "GET /prometheus", "GET /token_info", "POST /token_info", "GET /ws/health");

    private final TestDatabase database = TestDatabase.fresh("DashboardPublishedDescriptionTest");
    private final FakeService target = new FakeService();
    private EmbeddedServer server;
    private String base;
    private String jwt;
    private PublishedDescription description;

    @BeforeAll
    void start() {
        DashboardTestSupport.createUsers(database);
        Map<String, Object> properties = DashboardTestSupport.properties(database, "fake=" + target.url());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        base = server.getURL().toString();
        jwt = DashboardTestSupport.login(base);
        assertEquals(401, HttpCall.get(base + "/openapi/health-dashboard.yml").send().status(), "for signed-in users only");
        HttpCall.Response published = HttpCall.get(base + "/openapi/health-dashboard.yml").bearer(jwt).send();
        assertEquals(200, published.status(), published.toString());
        description = PublishedDescription.of(published.body());
    }

    @AfterAll
    void stop() {
        server.close();
        target.close();
        database.close();
    }

    @Override
    public PublishedDescription description() {
        return description;
    }

    @Override
    public ApplicationContext routedContext() {
        return server.getApplicationContext();
    }

    @Override
    public Set<String> undescribedOnPurpose() {
        return LEFT_OUT;
    }

    @Test
    void realAnswersMatchTheDescription() {
        check("POST", "/auth", HttpCall.post(base + "/auth", HttpCall.json(Map.of("username", DashboardTestSupport.USER,
                "password", DashboardTestSupport.PASSWORD))).send());
        check("GET", "/api/healthcheck", HttpCall.get(base + "/api/healthcheck").send());
        check("GET", "/api/services", HttpCall.get(base + "/api/services").bearer(jwt).send());
        check("GET", "/api/history", HttpCall.get(base + "/api/history?minutes=5").bearer(jwt).send());
        check("GET", "/api/events", HttpCall.get(base + "/api/events?limit=10").bearer(jwt).send());
        assertTrue(description.failures().isEmpty(), description.checked() + " answers checked; these do not match the"
                + " published description:\n" + description.failures());
    }

    private void check(String method, String path, HttpCall.Response response) {
        assertEquals(200, response.status(), method + " " + path + ": " + response);
        description.check(method, path, response);
    }
}
