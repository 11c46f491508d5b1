package io.loadstack.api;

import io.loadstack.testsupport.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * An api-service on a fresh schema of its own for one test class, and the admin's token in {@link #admin}.
 * Annotate the class with {@code @MicronautTest(transactional = false)} and, again, with
 * {@code @TestInstance(PER_CLASS)}: Micronaut reads the latter from the class itself, and without it makes
 * an instance of its own (with a schema of its own) for {@link #getProperties}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiServerTest implements TestPropertyProvider {

    protected final TestDatabase database = TestDatabase.fresh(getClass().getSimpleName());

    @Inject
    protected EmbeddedServer server;

    protected String admin;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestServer.properties(database);
    }

    @BeforeAll
    protected void signInAsAdmin() {
        admin = ApiTestServer.login(server.getURL().toString(), ApiTestServer.ADMIN, ApiTestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    protected void dropDatabase() {
        // The server's timers read the schema until its context stops, and JUnit runs this before Micronaut's
        // own clean-up: stop the context first, then drop.
        server.getApplicationContext().stop();
        database.close();
    }

    protected String url(String path) {
        return server.getURL() + path;
    }
}
