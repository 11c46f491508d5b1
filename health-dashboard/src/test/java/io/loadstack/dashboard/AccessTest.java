package io.loadstack.dashboard;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static io.loadstack.dashboard.DashboardTestSupport.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may see what: the healthcheck, the page and the metrics are open; the data needs the api-service's login. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {

    private final TestDatabase database = TestDatabase.fresh("DashboardAccessTest");
    private final FakeService target = new FakeService();
    private EmbeddedServer server;
    private String base;

    @BeforeAll
    void start() {
        DashboardTestSupport.createUsers(database);
        Map<String, Object> properties = DashboardTestSupport.properties(database, "fake=" + target.url());
        properties.put("loadstack.dashboard.poll-interval", "500ms");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        base = server.getURL().toString();
    }

    @AfterAll
    void stop() {
        server.close();
        target.close();
        database.close();
    }

    @Test
    void healthcheckIsOpenAndNamesTheDashboard() {
        HttpCall.Response response = HttpCall.get(base + "/api/healthcheck").send();
        assertEquals(200, response.status(), response.toString());
        assertEquals("health-dashboard", response.json().get("service"));
    }

    @Test
    void theApiServicesUsersSignInAndGetAJwt() {
        HttpCall.Response response = HttpCall.post(base + "/login",
                HttpCall.json(Map.of("username", DashboardTestSupport.USER, "password", DashboardTestSupport.PASSWORD))).send();
        assertEquals(200, response.status(), response.toString());
        assertNotNull(response.json().get("access_token"));
        assertEquals("Bearer", response.json().get("token_type"));
        assertEquals(DashboardTestSupport.USER, response.json().get("username"));
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401InJson() {
        for (String user : List.of(DashboardTestSupport.USER, "nobody")) {
            HttpCall.Response response = HttpCall.post(base + "/login",
                    HttpCall.json(Map.of("username", user, "password", "wrong"))).send();
            assertEquals(401, response.status(), response.toString());
            assertEquals("wrong username or password", response.json().get("error"));
        }
    }

    @Test
    void repeatedWrongPasswordsAreThrottledLikeOnTheApiService() {
        HttpCall.Response last = null;
        for (int attempt = 0; attempt < 7; attempt++) {
            last = HttpCall.post(base + "/login", HttpCall.json(Map.of("username", "guessed", "password", "guess" + attempt)))
                    .header("X-Real-IP", "203.0.113.7").send();
        }
        assertEquals(429, last.status(), last.toString());
        assertNotNull(last.header("Retry-After"));
        assertTrue(((String) last.json().get("error")).startsWith("too many failed logins"));
    }

    @Test
    void badLoginBodiesAre400InJson() {
        for (String body : List.of("{", "{}", "[]", "{\"username\":\"\",\"password\":\"x\"}")) {
            HttpCall.Response response = HttpCall.post(base + "/login", body).send();
            assertEquals(400, response.status(), body + " -> " + response);
            assertNotNull(response.json().get("error"), response.toString());
        }
    }

    @Test
    void theDataNeedsATokenAndSaysSoInJson() {
        for (String path : List.of("/api/services", "/api/history", "/api/events")) {
            HttpCall.Response response = HttpCall.get(base + path).send();
            assertEquals(401, response.status(), path + " -> " + response);
            assertNotNull(response.json().get("error"));
            assertEquals(401, HttpCall.get(base + path).bearer("not-a-jwt").send().status());
        }
    }

    @Test
    void aTokenOpensTheDataWithEitherPrefix() {
        String token = login(base);
        assertEquals(200, HttpCall.get(base + "/api/services").bearer(token).send().status());
        HttpCall.Response events = HttpCall.get(base + "/api/events").header("Authorization", "JWT " + token).send();
        assertEquals(200, events.status(), events.toString());
    }

    @Test
    void badQueryValuesAre400NotErrors() {
        String token = login(base);
        for (String query : List.of("minutes=abc", "minutes=0", "minutes=999999")) {
            HttpCall.Response response = HttpCall.get(base + "/api/history?" + query).bearer(token).send();
            assertEquals(400, response.status(), query + " -> " + response);
            assertNotNull(response.json().get("error"));
        }
        assertEquals(404, HttpCall.get(base + "/api/nothing").bearer(token).send().status());
    }

    @Test
    void thePageItsScriptsAndUplotAreServedWithoutACdn() {
        HttpCall.Response page = HttpCall.get(base + "/").send();
        assertEquals(200, page.status());
        assertTrue(page.body().contains("/assets/js/app.js"));
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        for (String file : List.of("/assets/js/app.js", "/assets/js/api.js", "/assets/js/card.js",
                "/assets/js/views/login.js", "/assets/js/views/health.js", "/assets/app.css")) {
            assertEquals(200, HttpCall.get(base + file).send().status(), file);
        }
        // The WebJar's folder name in application.yml must follow <uplot.version> in the pom.
        HttpCall.Response uplot = HttpCall.get(base + "/vendor/uplot/uPlot.esm.js").send();
        assertEquals(200, uplot.status(), "uPlot is served from its WebJar");
        assertTrue(uplot.body().contains("export"), "an ES module");
        assertEquals(200, HttpCall.get(base + "/vendor/uplot/uPlot.min.css").send().status());
        assertTrue(!page.body().contains("cdn") && !page.body().contains("https://"), "nothing from outside");
    }

    @Test
    void theFormattingAndDomScriptsAreServiceSupportsSharedFiles() throws Exception {
        // The api-service serves the same two files at the same paths (browser-it's DashboardBrowserIT).
        for (String file : List.of("js/format.js", "js/dom.js")) {
            HttpCall.Response served = HttpCall.get(base + "/assets/" + file).send();
            assertEquals(200, served.status(), file);
            assertTrue(served.header("Content-Type").contains("javascript"), served.header("Content-Type"));
            try (InputStream shared = getClass().getClassLoader().getResourceAsStream("shared-assets/" + file)) {
                assertNotNull(shared, "service-support has shared-assets/" + file);
                assertEquals(new String(shared.readAllBytes(), StandardCharsets.UTF_8), served.body(), file);
            }
        }
    }

    @Test
    void prometheusMetricsAreOpenForScraping() {
        HttpCall.Response response = HttpCall.get(base + "/prometheus").send();
        assertEquals(200, response.status(), response.toString());
        assertTrue(response.body().contains("jvm_memory_used_bytes"), response.body().substring(0, Math.min(500, response.body().length())));
    }

    @Test
    void theWebsocketRefusesAnUpgradeWithoutAValidToken() {
        for (String query : List.of("", "?token=", "?token=forged.token.value")) {
            URI uri = URI.create(base.replaceFirst("^http", "ws") + "/ws/health" + query);
            CompletionException refused = assertThrows(CompletionException.class, () ->
                    HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                            .buildAsync(uri, new WebSocket.Listener() {
                            }).join(), query);
            assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
            assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode(), query);
        }
    }

    @Test
    void theWebsocketSendsTheCardsAtOnceAndThenEveryPoll() throws Exception {
        try (DashboardTestSupport.LiveClient live = new DashboardTestSupport.LiveClient(base, login(base))) {
            String snapshot = live.awaitMessageContaining("\"snapshot\"", Duration.ofSeconds(5));
            assertNotNull(snapshot, "a snapshot on open");
            assertTrue(snapshot.contains("\"fake\""), snapshot);
            String update = live.awaitMessageContaining("\"update\"", Duration.ofSeconds(5));
            assertNotNull(update, "an update after a poll");
            assertTrue(update.contains("\"status\":\"UP\""), update);
        }
    }

    @Test
    void theTokenInTheQueryIsReadOnTheWebsocketOnly() {
        String token = login(base);
        assertEquals(401, HttpCall.get(base + "/api/services?token=" + token).send().status());
    }
}
