package io.loadstack.dashboard;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** What the dashboard tests share: the secret, a user in the api-service's table, a websocket listener. */
public final class DashboardTestSupport {

    public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    public static final String MFA_KEY = "test-mfa-key-that-is-long-enough-0123456789abcdef";
    public static final String USER = "operator";
    public static final String PASSWORD = "operator-password";

    private DashboardTestSupport() {
    }

    /** The users table as the api-service creates it, with one user: the dashboard only reads it. */
    public static void createUsers(TestDatabase database) {
        database.migrate("filesystem:../api-service/src/main/resources/db/api", "flyway_history_api");
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO users (username, password_hash, role, created_at, password_changed_at)"
                             + " VALUES (?, ?, 'USER', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")) {
            insert.setString(1, USER);
            insert.setString(2, BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> properties(TestDatabase database, String targets) {
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("loadstack.jwt.secret", SECRET);
        properties.put("loadstack.mfa.key", MFA_KEY);
        properties.put("loadstack.dashboard.targets", targets);
        properties.put("loadstack.dashboard.monit", "off");
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    /** Logs in, creating the users table and the user first if this schema has none yet. */
    public static String loginIfUsers(String baseUrl, TestDatabase database) {
        try (Connection connection = database.connect();
             java.sql.ResultSet tables = connection.getMetaData().getTables(database.schema(), null, "users", null)) {
            if (!tables.next()) {
                createUsers(database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return login(baseUrl);
    }

    public static String login(String baseUrl) {
        HttpCall.Response response = HttpCall.post(baseUrl + "/login",
                HttpCall.json(Map.of("username", USER, "password", PASSWORD))).send();
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response);
        }
        return (String) response.json().get("access_token");
    }

    /** A browser-like websocket client: every text message lands in {@link #messages}. */
    public static final class LiveClient implements AutoCloseable {
        public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final WebSocket socket;

        public LiveClient(String baseUrl, String token) {
            URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws/health?token=" + token);
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                messages.add(partial.toString());
                                partial.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).join();
        }

        /** Waits for a message containing {@code text}; null if none came in time. */
        public String awaitMessageContaining(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String message = messages.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (message != null && message.contains(text)) {
                    return message;
                }
            }
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
