package io.loadstack.provisioner;

import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/**
 * A provisioner in this JVM, on the real Docker engine and a test schema. Its agents are a stand-in image
 * (debian:bookworm-slim running {@code sleep infinity}, there once e2e step 1 has run): the real agent image is
 * the end-to-end test's. Its scope is the test's, so its sweep touches nothing else on the engine.
 */
public final class RunningProvisioner implements AutoCloseable {

    public static final String STAND_IN_IMAGE = "debian:bookworm-slim";

    private final EmbeddedServer server;

    private RunningProvisioner(EmbeddedServer server) {
        this.server = server;
    }

    public static Map<String, Object> properties(TestDatabase database, String name, String scope) {
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("micronaut.server.port", -1);
        properties.put("loadstack.jwt.secret", "provisioner-test-secret-0123456789abcdef0123456789");
        properties.put("loadstack.provisioner.name", name);
        properties.put("loadstack.provisioner.scope", scope);
        properties.put("loadstack.provisioner.agent-image", STAND_IN_IMAGE);
        properties.put("loadstack.provisioner.agent-command", "sleep infinity");
        // Passes at once: the states go CREATED -> STARTING -> HEALTHY as with the real agent's check.
        properties.put("loadstack.provisioner.agent-healthcheck", "true");
        properties.put("loadstack.provisioner.agent-memory", "64m");
        properties.put("loadstack.provisioner.tick", "500ms");
        properties.put("loadstack.provisioner.lease", "6s");
        properties.put("loadstack.provisioner.sweep-interval", "60s");
        return properties;
    }

    public static RunningProvisioner start(Map<String, Object> properties) {
        return new RunningProvisioner(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    public String url() {
        return server.getURL().toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
