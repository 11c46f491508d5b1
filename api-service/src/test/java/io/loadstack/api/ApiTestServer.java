package io.loadstack.api;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/** Settings and small steps the api-service tests share: one secret, one admin, logging in. */
public final class ApiTestServer {

    public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    public static final String MFA_KEY = "test-mfa-key-that-is-long-enough-0123456789abcdef";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String ALLOWED_TARGETS = "shop.internal,localhost,127.0.0.0/8";

    private ApiTestServer() {
    }

    public static Map<String, String> properties(TestDatabase database) {
        Map<String, String> properties = new HashMap<>(database.properties());
        properties.put("loadstack.jwt.secret", SECRET);
        properties.put("loadstack.mfa.key", MFA_KEY);
        properties.put("loadstack.admin.username", ADMIN);
        properties.put("loadstack.admin.password", ADMIN_PASSWORD);
        properties.put("micronaut.server.port", "-1");
        // the targets the launch tests send their (never started) load to
        properties.put("loadstack.allowed-targets", ALLOWED_TARGETS);
        return properties;
    }

    /**
     * Starts an api-service that must refuse to start. @return why it refused. The context is closed either way,
     * which stops what Micronaut counts as started; a context whose start a listener refused counts as not
     * running, so a timer a bean scheduled while it was made (AuditRetention's) is not stopped by the close.
     */
    public static Throwable refusedStart(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder(properties).build();
        try {
            context.start();
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException | Error refused) {
            return refused;
        } finally {
            context.close();
        }
        throw new AssertionError("the api-service started");
    }

    public static String login(String baseUrl, String username, String password) {
        HttpCall.Response response = HttpCall.post(baseUrl + "/auth",
                HttpCall.json(Map.of("username", username, "password", password))).send();
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response);
        }
        return (String) response.json().get("access_token");
    }
}
