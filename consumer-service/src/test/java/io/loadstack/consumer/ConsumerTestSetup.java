package io.loadstack.consumer;

import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        try (Connection connection = database.connect()) {
            long userId;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (username, password_hash, role, created_at, password_changed_at) VALUES (?, 'x', 'USER', NOW(3), NOW(3))",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, username);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    userId = keys.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ingest_tokens (user_id, name, token_hash, token_prefix, created_at) VALUES (?, 'test', ?, ?, NOW(3))")) {
                insert.setLong(1, userId);
                insert.setString(2, IngestTokenHash.hash(token));
                insert.setString(3, IngestTokenHash.displayPrefix(token));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
