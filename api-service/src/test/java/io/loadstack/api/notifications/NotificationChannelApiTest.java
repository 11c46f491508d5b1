package io.loadstack.api.notifications;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admins configure channels over HTTP; secrets are shown once; users are refused. Real MariaDB. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationChannelApiTest extends ApiServerTest {

    private String user;

    @BeforeAll
    void makeAUser() {
        assertEquals(201, HttpCall.post(url("/api/users"), HttpCall.json(Map.of("username", "carol", "password", "carol-password")))
                .bearer(admin).send().status());
        user = ApiTestServer.login(server.getURL().toString(), "carol", "carol-password");
    }

    @Test
    void aWebhookChannelIsMadeWithAGeneratedSecretShownOnceThenListedEditedAndDeleted() {
        HttpCall.Response created = HttpCall.post(url("/api/notifications/channels"), HttpCall.json(body("ci hook", "webhook",
                "https://ci.example.com/hooks/loadstack?token=abc", null, List.of("run.finished", "launch.failed"), List.of("checkout"))))
                .bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        String secret = (String) created.json().get("secret");
        assertTrue(secret != null && secret.matches("[0-9a-f]{64}"), created.toString());
        long id = ((Number) created.json().get("id")).longValue();
        assertEquals("webhook", created.json().get("type"));
        assertEquals(List.of("run.finished", "launch.failed"), created.json().get("events"));
        assertEquals(List.of("checkout"), created.json().get("tests"));
        assertEquals(true, created.json().get("signed"));
        assertEquals("admin", created.json().get("createdBy"));

        HttpCall.Response listed = HttpCall.get(url("/api/notifications/channels")).bearer(admin).send();
        assertEquals(200, listed.status(), listed.toString());
        assertFalse(listed.body().contains(secret), "the secret is never shown again: " + listed);
        assertFalse(listed.body().contains("token=abc"), "nor a query string that may hold a token: " + listed);
        Map<String, Object> shown = listed.jsonList().stream().filter(c -> ((Number) c.get("id")).longValue() == id).findFirst().orElseThrow();
        assertEquals("https://ci.example.com/hooks/loadstack?…", shown.get("url"));
        assertFalse(shown.containsKey("secret") && shown.get("secret") != null, shown.toString());

        // An edit without url and secret keeps both; tests null means every test.
        HttpCall.Response edited = HttpCall.put(url("/api/notifications/channels/" + id), HttpCall.json(body("ci hook (all tests)",
                "webhook", null, null, List.of("run.started", "run.finished"), null))).bearer(admin).send();
        assertEquals(200, edited.status(), edited.toString());
        assertEquals("ci hook (all tests)", edited.json().get("name"));
        assertNull(edited.json().get("tests"));
        assertEquals(List.of("run.started", "run.finished"), edited.json().get("events"));
        assertEquals("https://ci.example.com/hooks/loadstack?…", edited.json().get("url"));
        assertFalse(edited.body().contains(secret), edited.toString());
        HttpCall.Response read = HttpCall.get(url("/api/notifications/channels/" + id)).bearer(admin).send();
        assertEquals(200, read.status(), read.toString());
        assertEquals(true, read.json().get("signed"), "the secret was kept");
        assertEquals(secret, database.row("SELECT secret FROM notification_channels WHERE id = ?", id).get("secret"),
                "stored as it was made");

        assertEquals(204, HttpCall.delete(url("/api/notifications/channels/" + id)).bearer(admin).send().status());
        HttpCall.Response gone = HttpCall.get(url("/api/notifications/channels/" + id)).bearer(admin).send();
        assertEquals(404, gone.status(), gone.toString());
        assertTrue(gone.json().get("error").toString().contains("no notification channel"), gone.toString());
        assertEquals(404, HttpCall.delete(url("/api/notifications/channels/" + id)).bearer(admin).send().status());
    }

    @Test
    void aGivenSecretIsNotEchoedAndASlackChannelHidesItsUrl() {
        HttpCall.Response signed = HttpCall.post(url("/api/notifications/channels"), HttpCall.json(body("own secret", "webhook",
                "http://10.1.2.3:9000/hook", "my-own-secret-0123456789", List.of("agent.lost"), null))).bearer(admin).send();
        assertEquals(201, signed.status(), signed.toString());
        assertNull(signed.json().get("secret"), "the admin knows it: " + signed);
        assertFalse(signed.body().contains("my-own-secret"), signed.toString());

        HttpCall.Response slack = HttpCall.post(url("/api/notifications/channels"), HttpCall.json(body("team slack", "slack",
                "https://hooks.slack.com/services/T0001/B0002/XXXXsecretXXXX", null, List.of("run.finished"), null))).bearer(admin).send();
        assertEquals(201, slack.status(), slack.toString());
        assertNull(slack.json().get("secret"));
        assertEquals(false, slack.json().get("signed"));
        assertEquals("https://hooks.slack.com/services/T0001/…", slack.json().get("url"));
        assertFalse(HttpCall.get(url("/api/notifications/channels")).bearer(admin).send().body().contains("XXXXsecretXXXX"));
    }

    @Test
    void badChannelsGet400WithTheReason() {
        Map<String, String> refused = new HashMap<>();
        refused.put("ftp", error(body("a", "webhook", "ftp://example.com/x", null, List.of("run.started"), null)));
        refused.put("no host", error(body("b", "webhook", "https:///x", null, List.of("run.started"), null)));
        refused.put("not a url", error(body("c", "webhook", "not a url", null, List.of("run.started"), null)));
        refused.put("javascript", error(body("d", "slack", "javascript:alert(1)", null, List.of("run.started"), null)));
        refused.put("no url", error(body("e", "webhook", null, null, List.of("run.started"), null)));
        refused.put("type", error(body("f", "email", "https://x.test/", null, List.of("run.started"), null)));
        refused.put("event", error(body("g", "webhook", "https://x.test/", null, List.of("run.exploded"), null)));
        refused.put("no events", error(body("h", "webhook", "https://x.test/", null, List.of(), null)));
        refused.put("empty tests", error(body("i", "webhook", "https://x.test/", null, List.of("run.started"), List.of())));
        refused.put("short secret", error(body("j", "webhook", "https://x.test/", "short", List.of("run.started"), null)));
        refused.put("slack secret", error(body("k", "slack", "https://hooks.slack.com/services/T/B/X", "a-secret-long-enough-0123",
                List.of("run.started"), null)));
        refused.put("ping", error(body("l", "webhook", "https://x.test/", null, List.of("ping"), null)));
        assertTrue(refused.get("ftp").contains("http:// or https://"), refused.toString());
        assertTrue(refused.get("no host").contains("host"), refused.toString());
        assertTrue(refused.get("event").contains("unknown event 'run.exploded'"), refused.toString());
        assertTrue(refused.get("type").contains("slack or webhook"), refused.toString());
        assertTrue(refused.get("slack secret").contains("its URL is its secret"), refused.toString());
        assertTrue(refused.values().stream().noneMatch(String::isEmpty), refused.toString());
        assertEquals(0, ((Number) database.row("SELECT COUNT(*) AS n FROM notification_channels WHERE name IN ('a','b','c','d','e','f','g','h','i','j','k','l')")
                .get("n")).longValue(), "none was made");
    }

    @Test
    void aSecondChannelWithTheSameNameIs409AndTheTypeCannotChange() {
        Map<String, Object> body = body("twice", "webhook", "https://x.test/h", null, List.of("run.started"), null);
        HttpCall.Response first = HttpCall.post(url("/api/notifications/channels"), HttpCall.json(body)).bearer(admin).send();
        assertEquals(201, first.status(), first.toString());
        HttpCall.Response second = HttpCall.post(url("/api/notifications/channels"), HttpCall.json(body)).bearer(admin).send();
        assertEquals(409, second.status(), second.toString());
        long id = ((Number) first.json().get("id")).longValue();
        HttpCall.Response retyped = HttpCall.put(url("/api/notifications/channels/" + id),
                HttpCall.json(body("twice", "slack", null, null, List.of("run.started"), null))).bearer(admin).send();
        assertEquals(400, retyped.status(), retyped.toString());
        assertTrue(retyped.json().get("error").toString().contains("cannot change"), retyped.toString());
    }

    @Test
    void usersAreRefusedEveryNotificationRoute() {
        String channel = HttpCall.json(body("by a user", "webhook", "https://x.test/h", null, List.of("run.started"), null));
        for (HttpCall call : Arrays.asList(HttpCall.get(url("/api/notifications/channels")),
                HttpCall.post(url("/api/notifications/channels"), channel),
                HttpCall.get(url("/api/notifications/channels/1")),
                HttpCall.put(url("/api/notifications/channels/1"), channel),
                HttpCall.delete(url("/api/notifications/channels/1")),
                HttpCall.post(url("/api/notifications/channels/1/ping"), ""),
                HttpCall.get(url("/api/notifications/deliveries")))) {
            HttpCall.Response refused = call.bearer(user).send();
            assertEquals(403, refused.status(), refused.toString());
            assertTrue(refused.json().containsKey("error"), refused.toString());
        }
        assertEquals(401, HttpCall.get(url("/api/notifications/channels")).send().status());
        assertEquals(0, ((Number) database.row("SELECT COUNT(*) AS n FROM notification_channels WHERE name = 'by a user'")
                .get("n")).longValue());
    }

    private String error(Map<String, Object> body) {
        HttpCall.Response response = HttpCall.post(url("/api/notifications/channels"), HttpCall.json(body)).bearer(admin).send();
        assertEquals(400, response.status(), body + " → " + response);
        Object error = response.json().get("error");
        return error == null ? "" : error.toString();
    }

    static Map<String, Object> body(String name, String type, String url, String secret, List<String> events, List<String> tests) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("url", url);
        body.put("secret", secret);
        body.put("events", events);
        body.put("tests", tests);
        return body;
    }
}
