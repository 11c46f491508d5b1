package io.loadstack.api.users;

import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first admin comes from the environment; a password the account rules refuse must stop the start. */
class AdminBootstrapTest {

    @Test
    void anAdminPasswordLongerThanBcryptReadsRefusesToStartAndSaysWhy() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("AdminBootstrapTooLong")) {
            Map<String, Object> properties = new HashMap<>(ApiTestServer.properties(database));
            properties.put("loadstack.admin.password", "é".repeat(40));

            Throwable refused = ApiTestServer.refusedStart(properties);
            String reasons = chainOfMessages(refused);
            assertTrue(reasons.contains("LOADSTACK_ADMIN_PASSWORD"), reasons);
            assertTrue(reasons.contains("72 bytes"), reasons);
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                 ResultSet users = statement.executeQuery("SELECT COUNT(*) FROM users")) {
                users.next();
                assertEquals(0, users.getInt(1), "no admin was created");
            }
        }
    }

    private static String chainOfMessages(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
