package io.loadstack.api.runs;

import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The api-service may start before the consumer-service has created the run tables. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunTablesMissingTest implements TestPropertyProvider {

    private final TestDatabase database = TestDatabase.fresh("RunTablesMissingTest");

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestServer.properties(database);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Test
    void beforeTheConsumerHasCreatedItsTablesTheRunsApiSaysSo() {
        String admin = ApiTestServer.login(server.getURL().toString(), ApiTestServer.ADMIN, ApiTestServer.ADMIN_PASSWORD);
        for (String path : new String[] {"/api/runs", "/api/runs/" + UUID.randomUUID()}) {
            HttpCall.Response response = HttpCall.get(server.getURL() + path).bearer(admin).send();
            assertEquals(503, response.status(), path + ": " + response);
            // The shared error body keeps 5xx messages generic; the reason is in the server log.
            assertTrue(response.json().get("error") instanceof String, response.body());
        }
    }
}
