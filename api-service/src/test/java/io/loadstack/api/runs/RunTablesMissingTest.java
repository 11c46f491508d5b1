package io.loadstack.api.runs;

import io.loadstack.api.ApiServerTest;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The api-service may start before the consumer-service has created the run tables. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunTablesMissingTest extends ApiServerTest {

    @Test
    void beforeTheConsumerHasCreatedItsTablesTheRunsApiSaysSo() {
        for (String path : new String[] {"/api/runs", "/api/runs/" + UUID.randomUUID()}) {
            HttpCall.Response response = HttpCall.get(url(path)).bearer(admin).send();
            assertEquals(503, response.status(), path + ": " + response);
            // The shared error body keeps 5xx messages generic; the reason is in the server log.
            assertTrue(response.json().get("error") instanceof String, response.body());
        }
    }
}
