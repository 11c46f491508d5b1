package io.loadstack.consumer;

import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What every consumer test needs: a schema with the api-service's users and ingest tokens (migrated
 * from the api-service's own files), users with tokens, and the consumer's settings.
 */
public final class ConsumerTestSetup {

    public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";

    private ConsumerTestSetup() {
    }

    public static TestDatabase database(String name) {
        TestDatabase database = TestDatabase.fresh(name);
        database.migrate("filesystem:../api-service/src/main/resources/db/api", "flyway_history_api");
        return database;
    }

    /** Properties for an in-JVM consumer: the writer's clock is left to the test (flushNow). */
    public static Map<String, Object> properties(TestDatabase database, Path journalDir) {
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("loadstack.jwt.secret", SECRET);
        properties.put("loadstack.journal.dir", journalDir.toString());
        properties.put("loadstack.flush-interval", "1h");
        // any free port: test JVMs of several modules may run at once
        properties.put("loadstack.graphite.port", "0");
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    public static Path journalDir(String name) {
        try {
            return Files.createTempDirectory("journal-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a user with one ingest token, as the api-service would; @return the token */
    public static String userWithToken(TestDatabase database, String username) {
        String token = IngestTokenHash.newToken();
        database.userWithIngestToken(username, IngestTokenHash.hash(token), IngestTokenHash.displayPrefix(token));
        return token;
    }

    public static String register(String baseUrl, String token, String tagsJson) {
        HttpCall.Response response = HttpCall.post(baseUrl + "/apiv0.1/events/register",
                "{\"startedAt\": \"2026-11-23T10:00:00Z\", \"host\": \"loadgen-1\", \"measurement\": {\"fields\": "
                        + "{\"clients\": 50, \"hatchRate\": 5, \"requests\": 0}, \"tags\": " + tagsJson + "}}")
                .header("Authorization", "Token " + token).send();
        if (response.status() != 201) {
            throw new AssertionError("register failed: " + response);
        }
        return (String) response.json().get("uuid");
    }

    public static HttpCall.Response stats(String baseUrl, String token, String uuid, String body) {
        return HttpCall.post(baseUrl + "/apiv0.1/events/" + uuid + "/stats", body).header("Authorization", "Token " + token).send();
    }

    public static HttpCall.Response commit(String baseUrl, String token, String uuid) {
        return HttpCall.post(baseUrl + "/apiv0.1/events/commit",
                "{\"startedAt\": \"2026-11-23T10:10:00Z\", \"uuid\": \"" + uuid + "\", \"host\": \"loadgen-1\", "
                        + "\"measurement\": {\"fields\": {\"requestStats\": {\"GET /cart\": {\"num_requests\": 240}}}, "
                        + "\"tags\": {\"hostname\": \"loadgen-1\", \"mode\": \"single\"}}}")
                .header("Authorization", "Token " + token).send();
    }
}
