package io.loadstack.api.openapi;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.api.runs.RunFixtures;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.MultipartForm;
import io.loadstack.testsupport.openapi.DescribesEveryRoute;
import io.loadstack.testsupport.openapi.PublishedDescription;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The api-service's published OpenAPI description cannot drift from the code: every route is in it, and a real
 * answer of each route, made here against a real database, matches what it describes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedDescriptionTest extends ApiServerTest implements DescribesEveryRoute {

    private static final String LOCUSTFILE = "from locust import HttpUser, task\n\n\nclass U(HttpUser):\n    @task\n"
            + "    def home(self):\n        self.client.get(\"/\")\n";
    /**
     * Pages and their files (not API: hidden on purpose), the management endpoints nginx does not route, and
     * Micronaut Security's own token introspection.
     */
    private static final Set<String> LEFT_OUT = Set.of("GET /", "GET /index.html", "GET /vendor/uplot/{file}",
            "GET /swagger-ui", "GET /swagger-ui/{file}", "GET /health", "GET /health/{selector}", "GET /prometheus",
            "GET /token_info", "POST /token_info");

    private PublishedDescription description;

    @BeforeAll
    void readTheDescriptionAsPublished() {
        RunFixtures.createTables(database);
        assertEquals(401, HttpCall.get(url("/openapi/api-service.yml")).send().status(), "for signed-in users only");
        HttpCall.Response published = HttpCall.get(url("/openapi/api-service.yml")).bearer(admin).send();
        assertEquals(200, published.status(), published.toString());
        description = PublishedDescription.of(published.body());
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
    void theDescriptionNamesItsSecuritySchemes() {
        String yaml = HttpCall.get(url("/openapi/api-service.yml")).bearer(admin).send().body();
        assertTrue(yaml.contains("securitySchemes:") && yaml.contains("jwt:") && yaml.contains("agentToken:"), yaml);
    }

    @Test
    void realAnswersMatchTheDescription() {
        String run = new RunFixtures(database).insert(new RunFixtures.Spec().name("described run"));
        check("POST", "/auth", HttpCall.post(url("/auth"), HttpCall.json(Map.of("username", ApiTestServer.ADMIN,
                "password", ApiTestServer.ADMIN_PASSWORD))).send(), 200);
        check("GET", "/api/healthcheck", HttpCall.get(url("/api/healthcheck")).send(), 200);
        check("GET", "/api/user", get("/api/user"), 200);
        check("GET", "/api/users", get("/api/users"), 200);
        check("POST", "/api/users", HttpCall.post(url("/api/users"), "{\"username\":\"fay\",\"password\":\"fays-password-123\"}")
                .bearer(admin).send(), 201);
        check("PUT", "/api/users/fay/password", HttpCall.put(url("/api/users/fay/password"),
                "{\"password\":\"fays-password-456\"}").bearer(admin).send(), 204);

        HttpCall.Response token = HttpCall.post(url("/api/tokens"), "{\"name\":\"described\"}").bearer(admin).send();
        check("POST", "/api/tokens", token, 201);
        check("GET", "/api/tokens", get("/api/tokens"), 200);
        check("DELETE", "/api/tokens/" + id(token), HttpCall.delete(url("/api/tokens/" + id(token))).bearer(admin).send(), 204);
        HttpCall.Response agentToken = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"described\"}").bearer(admin).send();
        check("POST", "/api/agent-tokens", agentToken, 201);
        check("GET", "/api/agent-tokens", get("/api/agent-tokens"), 200);
        check("GET", "/api/agents", get("/api/agents"), 200);

        check("GET", "/api/runs", get("/api/runs?size=5"), 200);
        check("GET", "/api/runs/" + run, get("/api/runs/" + run), 200);
        check("GET", "/api/runs/" + run + "/series", get("/api/runs/" + run + "/series"), 200);
        check("GET", "/api/runs/" + run + "/endpoints", get("/api/runs/" + run + "/endpoints"), 200);
        check("GET", "/api/runs/" + run + "/errors", get("/api/runs/" + run + "/errors"), 200);
        check("GET", "/api/runs/" + run + "/verdict", get("/api/runs/" + run + "/verdict"), 200);
        check("GET", "/api/runs/compare", get("/api/runs/compare?a=" + run + "&b=" + run), 200);
        check("POST", "/api/runs/" + run + "/pin", HttpCall.post(url("/api/runs/" + run + "/pin"), "").bearer(admin).send(), 200);
        check("GET", "/api/tests", get("/api/tests"), 200);
        check("GET", "/api/tests/described%20run", get("/api/tests/described%20run"), 200);
        check("GET", "/api/tests/described%20run/runs", get("/api/tests/described%20run/runs"), 200);

        HttpCall.Response plan = new MultipartForm().text("name", "described").text("generator", "locust")
                .file("main", "locustfile.py", LOCUSTFILE.getBytes(StandardCharsets.UTF_8)).post(url("/api/plans")).bearer(admin).send();
        check("POST", "/api/plans", plan, 201);
        check("GET", "/api/plans", get("/api/plans"), 200);
        check("GET", "/api/plans/" + id(plan), get("/api/plans/" + id(plan)), 200);
        HttpCall.Response launch = HttpCall.post(url("/api/launches"), HttpCall.json(Map.of("planId", id(plan),
                "regions", Map.of("eu", 1), "users", 2, "durationSeconds", 30, "targetHost", "http://127.0.0.1:9",
                "provision", "docker"))).bearer(admin).send();
        check("POST", "/api/launches", launch, 201);
        check("GET", "/api/launches", get("/api/launches"), 200);
        check("GET", "/api/launches/" + id(launch), get("/api/launches/" + id(launch)), 200);
        check("POST", "/api/launches/" + id(launch) + "/stop", HttpCall.post(url("/api/launches/" + id(launch) + "/stop"), "")
                .bearer(admin).send(), 202);
        check("GET", "/api/notifications/channels", get("/api/notifications/channels"), 200);
        check("GET", "/api/notifications/deliveries", get("/api/notifications/deliveries"), 200);
        check("GET", "/api/allowed-targets", get("/api/allowed-targets"), 200);
        check("GET", "/api/audit", get("/api/audit?size=5"), 200);
        check("DELETE", "/api/runs/" + run, HttpCall.delete(url("/api/runs/" + run)).bearer(admin).send(), 204);

        assertTrue(description.failures().isEmpty(), description.checked() + " answers checked; these do not match the"
                + " published description:\n" + description.failures());
    }

    private HttpCall.Response get(String path) {
        return HttpCall.get(url(path)).bearer(admin).send();
    }

    private void check(String method, String path, HttpCall.Response response, int expected) {
        assertEquals(expected, response.status(), method + " " + path + ": " + response);
        description.check(method, path, response);
    }

    private static long id(HttpCall.Response created) {
        return ((Number) created.json().get("id")).longValue();
    }
}
