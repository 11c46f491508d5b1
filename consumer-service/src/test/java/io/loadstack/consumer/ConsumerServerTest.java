package io.loadstack.consumer;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.Map;

/**
 * A consumer on a fresh schema and journal of its own for one test class, with user alice's ingest token
 * in {@link #token}. The writer's clock is the test's: call {@code bean(FlushJob.class).flushNow()}.
 * A class that needs other settings overrides {@link #configure}; one that restarts the consumer (recovery
 * tests) calls {@link #restart}, or {@link #stop} and {@link #start}, which keep the database and the journal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConsumerServerTest {

    protected final TestDatabase database = ConsumerTestSetup.database(getClass().getSimpleName());
    protected final Path journalDir = ConsumerTestSetup.journalDir(getClass().getSimpleName());
    protected EmbeddedServer server;
    protected String base;
    protected String token;
    private Map<String, Object> properties;

    /** Settings on top of {@link ConsumerTestSetup#properties}; called once, before the consumer starts. */
    protected void configure(Map<String, Object> properties) {
    }

    @BeforeAll
    protected void startConsumer() {
        properties = ConsumerTestSetup.properties(database, journalDir);
        configure(properties);
        start();
        token = ConsumerTestSetup.userWithToken(database, "alice");
    }

    @AfterAll
    protected void stopConsumer() {
        if (server != null && server.isRunning()) {
            server.close();
        }
        database.close();
    }

    /** Stops the consumer as a shutdown would and starts a new one on the same database and journal. */
    protected void restart() {
        stop();
        start();
    }

    /** Stops the consumer; {@link #start} brings it back on the same database and journal. */
    protected void stop() {
        server.close();
    }

    protected void start() {
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        base = server.getURL().toString();
    }

    protected <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    protected String url(String path) {
        return base + path;
    }

    /** Registers a run with alice's token; @return its uuid */
    protected String register(String tagsJson) {
        return ConsumerTestSetup.register(base, token, tagsJson);
    }

    protected HttpCall.Response stats(String uuid, String body) {
        return ConsumerTestSetup.stats(base, token, uuid, body);
    }

    protected HttpCall.Response commit(String uuid) {
        return ConsumerTestSetup.commit(base, token, uuid);
    }
}
