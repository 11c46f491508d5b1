package io.loadstack.api.health;

import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TcpProxy;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service reaches its database through a proxy the test can cut, as if MySQL died and came back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthcheckTest {

    private final TestDatabase database = TestDatabase.fresh("HealthcheckTest");
    private TcpProxy proxy;
    private EmbeddedServer server;

    @BeforeAll
    void start() {
        proxy = TcpProxy.inFrontOf(database.url());
        Map<String, Object> properties = new HashMap<>(ApiTestServer.properties(database));
        properties.put("datasources.default.url", proxy.rewrite(database.url()));
        properties.put("loadstack.instance", "appserver-test");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    void stop() {
        server.close();
        proxy.close();
        database.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpCall.Response healthcheck() {
        return HttpCall.get(server.getURL() + "/api/healthcheck").send();
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthcheckIsOpenAndHasEveryContractField() {
        HttpCall.Response response = healthcheck();
        assertEquals(200, response.status(), response.toString());
        Map<String, Object> body = response.json();
        assertEquals("UP", body.get("status"));
        assertEquals("api-service", body.get("service"));
        assertEquals("appserver-test", body.get("instance"));
        Map<String, Object> cpu = (Map<String, Object>) body.get("cpu");
        for (String key : new String[]{"process", "system"}) {
            double value = ((Number) cpu.get(key)).doubleValue();
            assertTrue(value >= 0 && value <= 1, key + " is a fraction: " + value);
        }
        Map<String, Object> memory = (Map<String, Object>) body.get("memory");
        long used = ((Number) memory.get("used")).longValue();
        long max = ((Number) memory.get("max")).longValue();
        long rss = ((Number) memory.get("rss")).longValue();
        assertTrue(used > 0 && used <= max, "heap used " + used + " of " + max);
        assertTrue(rss > used / 2, "RSS in bytes " + rss);
        assertTrue(((Number) body.get("uptime")).doubleValue() > 0);
        assertFalse(response.body().contains(ApiTestServer.SECRET));
        assertFalse(response.body().contains("password"));
    }

    @Test
    void databaseGoneMeans503DownAndBackMeansUp() {
        assertEquals(200, healthcheck().status());
        proxy.cut();
        try {
            HttpCall.Response down = healthcheck();
            assertEquals(503, down.status(), down.toString());
            assertEquals("DOWN", down.json().get("status"));
            assertEquals(503, HttpCall.get(server.getURL() + "/health").send().status(), "Micronaut's /health agrees");
        } finally {
            proxy.start();
        }
        // The pool may hold several connections that died with the database; each probe clears them out.
        HttpCall.Response up = healthcheck();
        for (int attempt = 0; attempt < 20 && up.status() != 200; attempt++) {
            sleep(250);
            up = healthcheck();
        }
        assertEquals(200, up.status(), up.toString());
        assertEquals("UP", up.json().get("status"));
    }
}
