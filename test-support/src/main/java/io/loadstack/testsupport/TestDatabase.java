package io.loadstack.testsupport;

import org.flywaydb.core.Flyway;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty MySQL schema for one test class, so that tests never see each other's data.
 *
 * <p>With {@code LOADSTACK_TEST_DB_URL}/{@code _USERNAME}/{@code _PASSWORD} set (what {@code .ci/run} does with
 * its MariaDB) the schemas are created on that server; otherwise one Testcontainers {@code mysql:8.4} is
 * started for the whole JVM. The user needs the right to create databases.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String JDBC_PARAMS = "?connectionTimeZone=UTC&allowPublicKeyRetrieval=true&useSSL=false";
    private static Server server;

    private final Server on;
    private final String schema;

    private TestDatabase(Server on, String schema) {
        this.on = on;
        this.schema = schema;
    }

    /** Creates an empty schema named after the test, with a random suffix so parallel runs never collide. */
    public static TestDatabase fresh(String testName) {
        Server on = server();
        String name = "lst_" + testName.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        String schema = name.substring(0, Math.min(40, name.length())) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        on.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase(on, schema);
    }

    public String url() {
        return on.baseUrl + "/" + schema + JDBC_PARAMS;
    }

    public String username() {
        return on.username;
    }

    public String password() {
        return on.password;
    }

    public String schema() {
        return schema;
    }

    /** The datasource settings a Micronaut service under test needs. */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", url());
        properties.put("datasources.default.username", username());
        properties.put("datasources.default.password", password());
        return properties;
    }

    /** The same settings as the environment variables a service jar reads. */
    public Map<String, String> environment() {
        return Map.of(
                "DATASOURCES_DEFAULT_URL", url(),
                "DATASOURCES_DEFAULT_USERNAME", username(),
                "DATASOURCES_DEFAULT_PASSWORD", password());
    }

    /**
     * Applies another service's migrations to this schema, the way that service would at its start
     * (tables a test reads but its own service does not own, such as the api-service's ingest tokens).
     */
    public void migrate(String location, String historyTable) {
        Flyway.configure()
                .dataSource(url(), username(), password())
                .locations(location)
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), username(), password());
    }

    /** The first row a query answers, as column label to value; null when it answers none. */
    public Map<String, Object> row(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Map<String, Object> values = new HashMap<>();
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                    values.put(row.getMetaData().getColumnLabel(c), row.getObject(c));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs one insert, update or delete; @return the rows it changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * A user with one ingest token, as the api-service makes them (a schema with its migrations); the caller
     * hashes the token (service-support's IngestTokenHash), which this module does not know.
     */
    public void userWithIngestToken(String username, String tokenHash, String tokenPrefix) {
        try (Connection connection = connect()) {
            long userId;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (username, password_hash, role,"
                    + " created_at, password_changed_at) VALUES (?, 'x', 'USER', NOW(3), NOW(3))", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, username);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    userId = keys.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ingest_tokens (user_id, name, token_hash,"
                    + " token_prefix, created_at) VALUES (?, 'test', ?, ?, NOW(3))")) {
                insert.setLong(1, userId);
                insert.setString(2, tokenHash);
                insert.setString(3, tokenPrefix);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Drops the schema. A service still running on it may hold its tables in a transaction: the drop waits for
     * that a minute at most (the server's default is a day), then fails the test with the reason.
     */
    @Override
    public void close() {
        on.execute("SET SESSION lock_wait_timeout = 60", "DROP DATABASE IF EXISTS `" + schema + "`");
    }

    private static synchronized Server server() {
        if (server == null) {
            String url = System.getenv("LOADSTACK_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                server = new Server(stripSchema(url),
                        System.getenv().getOrDefault("LOADSTACK_TEST_DB_USERNAME", "root"),
                        System.getenv().getOrDefault("LOADSTACK_TEST_DB_PASSWORD", ""));
            } else {
                MySQLContainer<?> container = new MySQLContainer<>(DockerImageName.parse("mysql:8.4"))
                        .withUsername("root")
                        .withPassword("loadstack-test");
                container.start();
                server = new Server("jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306),
                        "root", "loadstack-test");
            }
        }
        return server;
    }

    /** {@code jdbc:mysql://host:3306/anything?x=y} → {@code jdbc:mysql://host:3306}. */
    static String stripSchema(String url) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        int end = slash >= 0 ? slash : (query >= 0 ? query : url.length());
        return url.substring(0, end);
    }

    private record Server(String baseUrl, String username, String password) {
        /** The statements in order, on one connection. */
        void execute(String... statements) {
            try (Connection connection = DriverManager.getConnection(baseUrl + "/" + JDBC_PARAMS, username, password);
                 Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("test database: " + String.join("; ", statements) + ": " + e.getMessage(), e);
            }
        }
    }
}
