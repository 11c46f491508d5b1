package io.loadstack.api.targets;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.MultipartForm;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allowed targets over HTTP against a real MariaDB: the list, its editing, and launches refused outside it. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowedTargetsApiTest extends ApiServerTest {

    private static final String LOCUSTFILE = "from locust import HttpUser, task\n\n\nclass U(HttpUser):\n    @task\n"
            + "    def home(self):\n        self.client.get(\"/\")\n";

    private String alice;
    private long plan;

    @BeforeAll
    void makeAUserAndAPlan() {
        assertEquals(201, HttpCall.post(url("/api/users"), HttpCall.json(Map.of("username", "alice", "password", "alice-password")))
                .bearer(admin).send().status());
        alice = ApiTestServer.login(server.getURL().toString(), "alice", "alice-password");
        HttpCall.Response created = new MultipartForm().text("name", "shop").text("generator", "locust")
                .file("main", "locustfile.py", LOCUSTFILE.getBytes(StandardCharsets.UTF_8))
                .post(url("/api/plans")).bearer(alice).send();
        assertEquals(201, created.status(), created.toString());
        plan = ((Number) created.json().get("id")).longValue();
    }

    @Test
    void theListIsSeededFromTheSettingAndEveryoneSignedInReadsIt() {
        HttpCall.Response shown = HttpCall.get(url("/api/allowed-targets")).bearer(alice).send();
        assertEquals(200, shown.status(), shown.toString());
        assertTrue(((List<?>) shown.json().get("targets")).containsAll(List.of("shop.internal", "localhost", "127.0.0.0/8")),
                shown.toString());
        assertNotNull(shown.json().get("changedAt"));
        assertEquals(401, HttpCall.get(url("/api/allowed-targets")).send().status());
    }

    @Test
    void aLaunchOutsideTheListIsRefusedNamingTheTargetAndWhoCanAllowIt() {
        HttpCall.Response refused = launch(alice, "http://evil.example:8080/cart");
        assertEquals(403, refused.status(), refused.toString());
        String error = (String) refused.json().get("error");
        assertTrue(error.contains("http://evil.example:8080/cart") && error.contains("evil.example:8080"), error);
        assertTrue(error.contains("An admin can allow it on the Allowed targets page"), error);
        assertEquals(403, launch(alice, "http://shop.internal.evil.example").status());
        assertEquals(403, launch(alice, "http://shop.internal@evil.example/").status());

        Map<String, Object> provisioned = launchBody("http://evil.example");
        provisioned.put("provision", "docker");
        HttpCall.Response refusedProvisioned = HttpCall.post(url("/api/launches"), HttpCall.json(provisioned)).bearer(alice).send();
        assertEquals(403, refusedProvisioned.status(), refusedProvisioned.toString());
    }

    @Test
    void aLaunchInsideTheListIsMade() {
        HttpCall.Response created = launch(alice, "http://shop.internal:8080");
        assertEquals(201, created.status(), created.toString());
        assertEquals(201, launch(alice, "http://127.0.0.1:9").status());
    }

    @Test
    void onlyAdminsChangeTheList() {
        HttpCall.Response refused = HttpCall.put(url("/api/allowed-targets"), HttpCall.json(Map.of("targets", List.of("*"))))
                .bearer(alice).send();
        assertEquals(403, refused.status(), refused.toString());
        assertNotNull(refused.json().get("error"), refused.toString());
        assertEquals(401, HttpCall.put(url("/api/allowed-targets"), HttpCall.json(Map.of("targets", List.of("*")))).send().status());
        assertFalse(((List<?>) HttpCall.get(url("/api/allowed-targets")).bearer(alice).send().json().get("targets")).contains("*"));
    }

    @Test
    void aBadEntryIsRefusedNamingItAndTheListStaysAsItWas() {
        List<?> before = (List<?>) HttpCall.get(url("/api/allowed-targets")).bearer(admin).send().json().get("targets");
        for (String bad : List.of("http://shop.internal", "10.0.0.1/8", "shop.internal:99999", "*.*.internal", "shop internal")) {
            HttpCall.Response refused = put(List.of("localhost", bad));
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(((String) refused.json().get("error")).contains("'" + bad + "'"), refused.toString());
        }
        for (String body : List.of("{}", "{\"targets\":null}", "{\"targets\":\"localhost\"}", "{\"targets\":[1,{}]}",
                "{\"targets\":[null]}", "[]", "not json")) {
            HttpCall.Response refused = HttpCall.put(url("/api/allowed-targets"), body).bearer(admin).send();
            assertEquals(400, refused.status(), body + " -> " + refused);
            assertNotNull(refused.json().get("error"), refused.toString());
        }
        assertEquals(before, HttpCall.get(url("/api/allowed-targets")).bearer(admin).send().json().get("targets"));
    }

    @Test
    void anAdminsChangeDecidesTheNextLaunchesAndIsAudited() {
        String secretLooking = ApiTestServer.ADMIN_PASSWORD;
        List<String> before = strings(HttpCall.get(url("/api/allowed-targets")).bearer(admin).send().json().get("targets"));
        HttpCall.Response changed = put(List.of("Staging.Shop.Internal:8443", "10.20.0.0/16", "[::1]", "shop.internal"));
        assertEquals(200, changed.status(), changed.toString());
        assertEquals(List.of("staging.shop.internal:8443", "10.20.0.0/16", "[::1]", "shop.internal"), changed.json().get("targets"));
        assertEquals(ApiTestServer.ADMIN, changed.json().get("changedBy"));

        assertEquals(201, launch(alice, "https://staging.shop.internal:8443/").status());
        assertEquals(403, launch(alice, "https://staging.shop.internal/").status(), "443 is not 8443");
        assertEquals(201, launch(alice, "http://10.20.3.4").status());
        assertEquals(201, launch(alice, "http://[::1]:8089").status());
        HttpCall.Response noLongerAllowed = launch(alice, "http://localhost:8089");
        assertEquals(403, noLongerAllowed.status(), noLongerAllowed.toString());

        Map<String, Object> row = database.row("SELECT actor, action, detail FROM audit_log WHERE action = ?"
                + " ORDER BY id DESC LIMIT 1", "ALLOWED_TARGETS_CHANGED");
        assertEquals(ApiTestServer.ADMIN, row.get("actor"));
        String detail = (String) row.get("detail");
        Map<String, Object> parsed = new HttpCall.Response(200, detail, Map.of()).json();
        assertEquals(before, parsed.get("before"), detail);
        assertEquals(changed.json().get("targets"), parsed.get("after"), detail);
        assertFalse(detail.contains(secretLooking) || detail.contains(admin), detail);

        assertEquals(200, put(before).status());
    }

    @Test
    void aRerunOfALaunchWhoseTargetIsNoLongerAllowedIsRefused() {
        HttpCall.Response created = launch(alice, "http://shop.internal");
        assertEquals(201, created.status(), created.toString());
        long id = ((Number) created.json().get("id")).longValue();
        List<String> before = strings(HttpCall.get(url("/api/allowed-targets")).bearer(admin).send().json().get("targets"));
        try {
            assertEquals(200, put(List.of("localhost")).status());
            HttpCall.Response rerun = HttpCall.post(url("/api/launches/" + id + "/rerun"), "").bearer(alice).send();
            assertEquals(403, rerun.status(), rerun.toString());
            assertTrue(((String) rerun.json().get("error")).contains("http://shop.internal"), rerun.toString());
        } finally {
            assertEquals(200, put(before).status());
        }
    }

    @Test
    void theSettingSeedsTheFirstStartOnlyAndALaterStartKeepsTheAdminsList() {
        List<String> before = strings(HttpCall.get(url("/api/allowed-targets")).bearer(admin).send().json().get("targets"));
        try {
            assertEquals(200, put(List.of("kept.internal")).status());
            Map<String, Object> properties = new HashMap<>(getProperties());
            properties.put("loadstack.allowed-targets", "*");
            try (EmbeddedServer restarted = ApplicationContext.run(EmbeddedServer.class, properties)) {
                HttpCall.Response shown = HttpCall.get(restarted.getURL() + "/api/allowed-targets").bearer(alice).send();
                assertEquals(List.of("kept.internal"), shown.json().get("targets"), shown.toString());
            }
        } finally {
            assertEquals(200, put(before).status());
        }
    }

    private HttpCall.Response put(List<String> targets) {
        return HttpCall.put(url("/api/allowed-targets"), HttpCall.json(Map.of("targets", targets))).bearer(admin).send();
    }

    private HttpCall.Response launch(String jwt, String target) {
        return HttpCall.post(url("/api/launches"), HttpCall.json(launchBody(target))).bearer(jwt).send();
    }

    private Map<String, Object> launchBody(String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", plan);
        body.put("regions", Map.of("nowhere", 1));
        body.put("users", 1);
        body.put("durationSeconds", 30);
        body.put("targetHost", target);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
