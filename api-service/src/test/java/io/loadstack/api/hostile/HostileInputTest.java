package io.loadstack.api.hostile;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.api.runs.RunFixtures;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.hostile.FormBody;
import io.loadstack.testsupport.hostile.HostileCorpus;
import io.loadstack.testsupport.hostile.HostileRun;
import io.loadstack.testsupport.hostile.HostileTokens;
import io.loadstack.testsupport.hostile.JsonText;
import io.loadstack.testsupport.hostile.Route;
import io.loadstack.testsupport.hostile.RouterRoutes;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.loadstack.testsupport.hostile.JsonText.arr;
import static io.loadstack.testsupport.hostile.JsonText.obj;
import static io.loadstack.testsupport.hostile.Route.Auth.ANONYMOUS;
import static io.loadstack.testsupport.hostile.Route.Auth.JWT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the api-service under a seeded corpus of hostile requests (see the test-support
 * package {@code hostile}): whatever a client sends, no 5xx, and every 4xx a JSON {@code {"error"}}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends ApiServerTest {

    private static final int MAX_BODY = 1024 * 1024;

    private String run;
    private String runToDelete;
    private long tokenId;
    private String ingestToken;
    private long agentTokenId;
    private String agentToken;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // A heartbeat without ?wait= is held this long: nothing, so that the corpus is not held up.
        properties.put("loadstack.agents.long-poll-wait", "0s");
        return properties;
    }
    private FormBody planForm;
    private String plan;
    private String planToDelete;
    private String launch;
    private String channel;
    private String channelToDelete;

    @BeforeAll
    void makeData() {
        RunFixtures.createTables(database);
        RunFixtures fixtures = new RunFixtures(database);
        run = fixtures.insert(RunFixtures.run());
        runToDelete = fixtures.insert(RunFixtures.run().name("to delete"));
        HttpCall.Response token = HttpCall.post(url("/api/tokens"), "{\"name\":\"hostile\"}").bearer(admin).send();
        tokenId = ((Number) token.json().get("id")).longValue();
        ingestToken = (String) token.json().get("token");
        assertEquals(201, HttpCall.post(url("/api/users"), "{\"username\":\"victim\",\"password\":\"victim-password\"}")
                .bearer(admin).send().status());
        HttpCall.Response revoked = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"to revoke\"}").bearer(admin).send();
        agentTokenId = ((Number) revoked.json().get("id")).longValue();
        agentToken = (String) HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"hostile agent\"}").bearer(admin).send()
                .json().get("token");
        planForm = planForm();
        plan = uploadPlan();
        planToDelete = uploadPlan();
        // The hostile agent holds a share of this launch, so that its report is a valid request.
        assertEquals(200, HttpCall.post(url("/api/agent/heartbeat?wait=0"), "{\"name\":\"hostile-agent\",\"region\":\"hostile\","
                + "\"version\":\"1.0.0\",\"instanceId\":\"hostile-instance\"}").bearer(agentToken).send().status());
        HttpCall.Response launched = HttpCall.post(url("/api/launches"), JsonText.write(launchBody("hostile"))).bearer(admin).send();
        assertEquals(201, launched.status(), launched.toString());
        launch = Long.toString(((Number) launched.json().get("id")).longValue());
        channel = makeChannel("hostile hook");
        channelToDelete = makeChannel("hostile hook to delete");
    }

    /** A channel posting to a port where nothing listens: its deliveries fail and wait for retries, harmlessly. */
    private String makeChannel(String name) {
        HttpCall.Response created = HttpCall.post(url("/api/notifications/channels"), JsonText.write(channelBody(name))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return Long.toString(((Number) created.json().get("id")).longValue());
    }

    private static Map<String, Object> channelBody(String name) {
        return obj("name", name, "type", "webhook", "url", "http://127.0.0.1:9/hook", "secret", "hostile-secret-0123456789",
                "events", arr("run.finished", "launch.failed"), "tests", arr("checkout smoke"));
    }

    private Map<String, Object> launchBody(String region) {
        return obj("planId", Long.parseLong(plan), "regions", obj(region, 1), "users", 2, "rampUpSeconds", 1,
                "durationSeconds", 60, "targetHost", "http://shop.internal", "properties", obj("threads", "2"),
                "thresholds", arr("p95 < 300ms", "GET /cart: errors < 1%"));
    }

    /** A JMeter plan with one data file, as curl -F sends it. */
    private static FormBody planForm() {
        String boundary = "hostile-form-boundary";
        String jmx = "<?xml version=\"1.0\"?><jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\"><hashTree/></jmeterTestPlan>";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nhostile\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"generator\"\r\n\r\njmeter\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"main\"; filename=\"plan.jmx\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + jmx + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"users.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nuser\nalice\r\n"
                + "--" + boundary + "--\r\n";
        return new FormBody(boundary, body.getBytes(StandardCharsets.US_ASCII));
    }

    private String uploadPlan() {
        HttpCall.Response created = HttpCall.method("POST", url("/api/plans"), planForm.bytes())
                .header("Content-Type", planForm.contentType()).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return Long.toString(((Number) created.json().get("id")).longValue());
    }

    /** Each route of the service with a valid request; the corpus makes one part of it hostile at a time. */
    private List<Route> routes() {
        return List.of(
                Route.of("GET", "/", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/index.html", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/vendor/uplot/{file}", ANONYMOUS, MAX_BODY).path("file", "uPlot.min.css"),
                Route.of("GET", "/swagger-ui", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/swagger-ui/{file}", ANONYMOUS, MAX_BODY).path("file", "swagger-ui.css"),
                Route.of("GET", "/api/healthcheck", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health/{selector}", ANONYMOUS, MAX_BODY).path("selector", "liveness"),
                Route.of("GET", "/prometheus", ANONYMOUS, MAX_BODY),
                // A wrong password keeps the admin signed in; the throttle answers 429 in JSON when it trips.
                Route.of("POST", "/auth", ANONYMOUS, MAX_BODY).body(obj("username", "admin", "password", "wrong-password")),
                Route.of("POST", "/login", ANONYMOUS, MAX_BODY).body(obj("username", "admin", "password", "wrong-password")),
                // Micronaut Security's token introspection, on by default.
                Route.of("GET", "/token_info", JWT, MAX_BODY),
                Route.of("POST", "/token_info", JWT, MAX_BODY).body(obj("token", "x")),
                Route.of("GET", "/api/user", JWT, MAX_BODY),
                // The second factor. The sign-in steps with a token nobody was given; the admin's own enrollment begun
                // but never confirmed (wrong codes), so the admin keeps signing in with the password alone.
                Route.of("POST", "/auth/mfa", ANONYMOUS, MAX_BODY).body(obj("mfa_token", "lsm_nobody-was-given-this", "code", "123456")),
                Route.of("POST", "/auth/mfa/enroll", ANONYMOUS, MAX_BODY).body(obj("mfa_token", "lsm_nobody-was-given-this")),
                Route.of("POST", "/auth/mfa/enroll/confirm", ANONYMOUS, MAX_BODY).body(obj("mfa_token", "lsm_nobody-was-given-this", "code", "123456")),
                Route.of("POST", "/api/user/mfa", JWT, MAX_BODY),
                Route.of("POST", "/api/user/mfa/confirm", JWT, MAX_BODY).body(obj("code", "000000")),
                Route.of("DELETE", "/api/user/mfa", JWT, MAX_BODY).body(obj("password", "not-the-password", "code", "000000")),
                Route.of("DELETE", "/api/users/{username}/mfa", JWT, MAX_BODY).path("username", "victim"),
                // NONE, the policy as it is: a valid request leaves the admin's sign-in as it was.
                Route.of("GET", "/api/mfa-policy", JWT, MAX_BODY),
                Route.of("GET", "/api/audit", JWT, MAX_BODY).query("actor", "admin").query("action", "SIGN_IN")
                        .query("from", "2026-01-01T00:00:00Z").query("to", "2027-01-01T00:00:00Z").query("page", "0").query("size", "20"),
                Route.of("PUT", "/api/mfa-policy", JWT, MAX_BODY).body(obj("requirement", "NONE")),
                // The current password is wrong on purpose: a valid change would end the admin's sessions mid-corpus.
                Route.of("PUT", "/api/user/password", JWT, MAX_BODY).body(obj("currentPassword", "not-the-password", "newPassword", "new-password-1")),
                Route.of("GET", "/api/users", JWT, MAX_BODY),
                Route.of("POST", "/api/users", JWT, MAX_BODY).body(obj("username", "created.user", "password", "created-password", "role", "USER")),
                Route.of("PUT", "/api/users/{username}/password", JWT, MAX_BODY).path("username", "victim").body(obj("password", "another-password")),
                Route.of("GET", "/api/runs", JWT, MAX_BODY).query("status", "COMPLETED").query("tag", "env:staging").query("q", "checkout")
                        .query("from", "2026-01-01T00:00:00Z").query("to", "2027-01-01T00:00:00Z").query("page", "1").query("size", "20"),
                Route.of("GET", "/api/runs/compare", JWT, MAX_BODY).query("a", run).query("b", run),
                Route.of("GET", "/api/runs/{uuid}", JWT, MAX_BODY).path("uuid", run),
                Route.of("GET", "/api/runs/{uuid}/series", JWT, MAX_BODY).path("uuid", run),
                Route.of("GET", "/api/runs/{uuid}/endpoints", JWT, MAX_BODY).path("uuid", run),
                Route.of("GET", "/api/runs/{uuid}/errors", JWT, MAX_BODY).path("uuid", run),
                Route.of("GET", "/api/runs/{uuid}/export.csv", JWT, MAX_BODY).path("uuid", run),
                Route.of("GET", "/api/runs/{uuid}/report.html", JWT, MAX_BODY).path("uuid", run),
                Route.of("POST", "/api/runs/{uuid}/pin", JWT, MAX_BODY).path("uuid", run),
                Route.of("DELETE", "/api/runs/{uuid}/pin", JWT, MAX_BODY).path("uuid", run),
                // The run has ended: a wait, whatever its valid value, answers at once.
                Route.of("GET", "/api/runs/{uuid}/verdict", JWT, MAX_BODY).path("uuid", run).query("wait", "5"),
                Route.of("GET", "/api/runs/{uuid}/junit.xml", JWT, MAX_BODY).path("uuid", run).query("wait", "0"),
                Route.of("GET", "/api/tests", JWT, MAX_BODY).query("limit", "10"),
                Route.of("GET", "/api/tests/{name}", JWT, MAX_BODY).path("name", "checkout%20smoke"),
                Route.of("PUT", "/api/tests/{name}", JWT, MAX_BODY).path("name", "checkout%20smoke")
                        .body(obj("thresholds", arr("p95 < 300ms", "errors < 1%", "POST /checkout: p99 < 0.5s"),
                                "tolerances", obj("p95Ratio", 0.1, "p95MinMs", 5, "errorRatePoints", 0.01, "rpsRatio", 0.1),
                                "baseline", run)),
                Route.of("GET", "/api/tests/{name}/runs", JWT, MAX_BODY).path("name", "checkout%20smoke").query("limit", "10"),
                Route.of("POST", "/api/tokens", JWT, MAX_BODY).body(obj("name", "ci")),
                Route.of("GET", "/api/tokens", JWT, MAX_BODY),
                Route.of("DELETE", "/api/tokens/{id}", JWT, MAX_BODY).path("id", Long.toString(tokenId)),
                Route.of("POST", "/api/agent-tokens", JWT, MAX_BODY).body(obj("name", "eu cluster")),
                Route.of("GET", "/api/agent-tokens", JWT, MAX_BODY),
                Route.of("DELETE", "/api/agent-tokens/{id}", JWT, MAX_BODY).path("id", Long.toString(agentTokenId)),
                Route.of("GET", "/api/agents", JWT, MAX_BODY),
                Route.of("POST", "/api/plans", JWT, MAX_BODY).body(planForm),
                Route.of("GET", "/api/plans", JWT, MAX_BODY),
                Route.of("GET", "/api/plans/{id}", JWT, MAX_BODY).path("id", plan),
                Route.of("POST", "/api/plans/{id}/versions", JWT, MAX_BODY).path("id", plan).body(planForm),
                Route.of("GET", "/api/plans/{id}/versions/{version}/files/{name}", JWT, MAX_BODY).path("id", plan).path("version", "1")
                        .path("name", "users.csv"),
                Route.of("DELETE", "/api/plans/{id}", JWT, MAX_BODY).path("id", planToDelete),
                // Launches in a region without agents: each waits for its readiness timeout, harmlessly.
                Route.of("POST", "/api/launches", JWT, MAX_BODY).body(launchBody("nowhere")),
                Route.of("GET", "/api/launches", JWT, MAX_BODY).query("page", "0").query("size", "20"),
                Route.of("GET", "/api/launches/{id}", JWT, MAX_BODY).path("id", launch),
                Route.of("POST", "/api/launches/{id}/rerun", JWT, MAX_BODY).path("id", launch),
                Route.of("POST", "/api/launches/{id}/stop", JWT, MAX_BODY).path("id", launch),
                Route.of("POST", "/api/notifications/channels", JWT, MAX_BODY).body(channelBody("hostile hook 2")),
                Route.of("GET", "/api/notifications/channels", JWT, MAX_BODY),
                Route.of("GET", "/api/notifications/channels/{id}", JWT, MAX_BODY).path("id", channel),
                Route.of("PUT", "/api/notifications/channels/{id}", JWT, MAX_BODY).path("id", channel).body(channelBody("hostile hook")),
                Route.of("POST", "/api/notifications/channels/{id}/ping", JWT, MAX_BODY).path("id", channel),
                Route.of("GET", "/api/notifications/deliveries", JWT, MAX_BODY).query("channel", channel).query("page", "0"),
                Route.of("DELETE", "/api/notifications/channels/{id}", JWT, MAX_BODY).path("id", channelToDelete),
                Route.of("DELETE", "/api/runs/{uuid}", JWT, MAX_BODY).path("uuid", runToDelete),
                Route.of("DELETE", "/api/users/{username}", JWT, MAX_BODY).path("username", "victim"),
                Route.of("GET", "/api/allowed-targets", JWT, MAX_BODY),
                Route.of("GET", "/api/audit", JWT, MAX_BODY).query("actor", "admin").query("action", "LAUNCH_STARTED,RUN_DELETED")
                        .query("from", "2026-01-01T00:00:00Z").query("to", "2027-01-01T00:00:00Z").query("page", "0").query("size", "20"),
                // Last: what the corpus leaves of the list is no other route's concern.
                Route.of("PUT", "/api/allowed-targets", JWT, MAX_BODY)
                        .body(obj("targets", arr("shop.internal", "*.example.com:8443", "10.0.0.0/8", "[::1]:8080"))));
    }

    /**
     * The agents' routes, which take an agent token ({@code Bearer lsa_…}) only. The corpus knows no such
     * credential, so these run with the agent token in the place of the valid bearer token: every hostile
     * header, a real login JWT among them, must then be refused. The long-poll's wait is 0 (the corpus
     * mutates it, but none of its values is a longer valid wait, and the default is set to 0 here).
     */
    private List<Route> agentRoutes() {
        return List.of(
                Route.of("POST", "/api/agent/heartbeat", JWT, MAX_BODY).query("wait", "0")
                        .body(obj("name", "hostile-agent", "region", "hostile", "version", "1.0.0", "instanceId", "hostile-instance",
                                "launches", arr(obj("launchId", Long.parseLong(launch), "status", "PREPARING", "startAt", null,
                                        "stopping", false)))),
                Route.of("POST", "/api/agent/launches/{launchId}/report", JWT, MAX_BODY).path("launchId", launch)
                        .body(obj("name", "hostile-agent", "status", "PREPARING", "message", "preparing", "requests", 0,
                                "failures", 0, "log", arr("fetching files"))),
                // The uploaded plan's users.csv ("user\nalice"), by its SHA-256.
                Route.of("GET", "/api/agent/files/{sha256}", JWT, MAX_BODY).path("sha256", "12346c61d00e20664f540bd19297975e31e7fd5c29221850816837e6ea40319f"));
    }

    @Test
    void everyRouteHasAHostileCorpus() {
        List<Route> all = new ArrayList<>(routes());
        all.addAll(agentRoutes());
        String gaps = HostileRun.coverageGaps(RouterRoutes.of(server.getApplicationContext()), all);
        assertTrue(gaps.isEmpty(), gaps);
    }

    @Test
    void hostileRequestsNeverGetA5xxAndAlwaysAJsonError() {
        HostileTokens tokens = HostileTokens.of(ApiTestServer.SECRET, ApiTestServer.ADMIN, admin, ingestToken);
        HostileCorpus corpus = HostileCorpus.seeded(tokens, 150);
        HostileRun result = HostileRun.against(server.getURL().toString()).sendCorpus(corpus, routes());
        System.out.println("hostile input: " + result.sent() + " requests to the api-service, " + result.failures().size()
                + " failures; slowest routes: " + result.slowestRoutes(8));
        assertAll(
                () -> assertTrue(result.failures().isEmpty(), result.table(corpus.seed())),
                () -> assertEquals(200, HttpCall.get(url("/api/healthcheck")).send().status(), "still healthy after the corpus"));
    }

    @Test
    void hostileAgentRequestsNeverGetA5xxAndAlwaysAJsonError() {
        HostileTokens tokens = HostileTokens.of(ApiTestServer.SECRET, ApiTestServer.ADMIN, agentToken, ingestToken);
        HostileCorpus corpus = HostileCorpus.seeded(tokens, 150);
        HostileRun result = HostileRun.against(server.getURL().toString()).sendCorpus(corpus, agentRoutes());
        System.out.println("hostile input: " + result.sent() + " requests to the agents' routes, " + result.failures().size() + " failures");
        assertAll(
                () -> assertTrue(result.failures().isEmpty(), result.table(corpus.seed())),
                () -> assertEquals(200, HttpCall.post(url("/api/agent/heartbeat?wait=0"), "{\"name\":\"after\",\"region\":\"r\","
                        + "\"version\":\"1\",\"instanceId\":\"after\"}").bearer(agentToken).send().status(), "agents still served"));
    }
}
