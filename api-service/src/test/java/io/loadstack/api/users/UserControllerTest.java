package io.loadstack.api.users;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserControllerTest extends ApiServerTest {

    private HttpCall.Response createUser(String username, String password) {
        return HttpCall.post(url("/api/users"),
                HttpCall.json(Map.of("username", username, "password", password))).bearer(admin).send();
    }

    @Test
    void aRemovedAdminsTokenManagesNothingAnyMore() {
        HttpCall.Response created = HttpCall.post(url("/api/users"), HttpCall.json(
                Map.of("username", "hank", "password", "hank-password", "role", "ADMIN"))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        String hank = ApiTestServer.login(url(""), "hank", "hank-password");
        assertEquals(204, HttpCall.delete(url("/api/users/hank")).bearer(admin).send().status());
        HttpCall.Response attempt = HttpCall.post(url("/api/users"), HttpCall.json(
                Map.of("username", "hanks-friend", "password", "friend-password", "role", "ADMIN"))).bearer(hank).send();
        assertEquals(401, attempt.status(), attempt.toString());
        assertTrue(attempt.json().containsKey("error"));
        assertFalse(HttpCall.get(url("/api/users")).bearer(admin).send().body().contains("hanks-friend"));
    }

    @Test
    void theFirstAdminIsCreatedFromTheEnvironmentWithAHashedPassword() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT role, password_hash FROM users WHERE username = 'admin'")) {
            assertTrue(row.next());
            assertEquals("ADMIN", row.getString(1));
            assertTrue(row.getString(2).startsWith("$2a$04$"), "bcrypt, at the cost the tests set (application-test.yml)");
            assertFalse(row.getString(2).contains(ApiTestServer.ADMIN_PASSWORD));
        }
    }

    @Test
    void anAdminCreatesAUserWhoCanLogIn() {
        HttpCall.Response created = createUser("carol", "carol-password");
        assertEquals(201, created.status(), created.toString());
        assertEquals(List.of("USER"), created.json().get("roles"));
        assertFalse(created.body().contains("carol-password"));
        String carol = ApiTestServer.login(url(""), "carol", "carol-password");
        assertEquals("carol", HttpCall.get(url("/api/user")).bearer(carol).send().json().get("username"));
        assertTrue(HttpCall.get(url("/api/users")).bearer(admin).send().jsonList().stream()
                .anyMatch(u -> "carol".equals(u.get("username"))));
    }

    @Test
    void creatingTheSameUserTwiceIsAConflict() {
        assertEquals(201, createUser("dave", "dave-password").status());
        HttpCall.Response again = createUser("dave", "other-password");
        assertEquals(409, again.status());
        assertTrue(((String) again.json().get("error")).contains("already exists"));
    }

    @Test
    void aPlainUserCannotManageUsers() {
        createUser("erin", "erin-password");
        String erin = ApiTestServer.login(url(""), "erin", "erin-password");
        assertEquals(403, HttpCall.get(url("/api/users")).bearer(erin).send().status());
        HttpCall.Response attempt = HttpCall.post(url("/api/users"),
                "{\"username\":\"mallory\",\"password\":\"mallory-pw\",\"role\":\"ADMIN\"}").bearer(erin).send();
        assertEquals(403, attempt.status());
        assertTrue(attempt.json().containsKey("error"));
        assertEquals(403, HttpCall.delete(url("/api/users/admin")).bearer(erin).send().status());
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        createUser("frank", "frank-password");
        String frank = ApiTestServer.login(url(""), "frank", "frank-password");
        assertEquals(403, HttpCall.put(url("/api/user/password"),
                "{\"currentPassword\":\"wrong-one\",\"newPassword\":\"frank-new-password\"}").bearer(frank).send().status());
        assertEquals(204, HttpCall.put(url("/api/user/password"),
                "{\"currentPassword\":\"frank-password\",\"newPassword\":\"frank-new-password\"}").bearer(frank).send().status());
        ApiTestServer.login(url(""), "frank", "frank-new-password");
        assertEquals(401, HttpCall.post(url("/auth"), "{\"username\":\"frank\",\"password\":\"frank-password\"}").send().status());
    }

    @Test
    void anAdminResetsAPasswordAndRemovesAUser() {
        createUser("gina", "gina-password");
        assertEquals(204, HttpCall.put(url("/api/users/gina/password"), "{\"password\":\"gina-reset-pw\"}").bearer(admin).send().status());
        String gina = ApiTestServer.login(url(""), "gina", "gina-reset-pw");
        assertEquals(204, HttpCall.delete(url("/api/users/gina")).bearer(admin).send().status());
        assertEquals(401, HttpCall.get(url("/api/user")).bearer(gina).send().status(), "a removed user's token stops working");
        assertEquals(401, HttpCall.get(url("/api/runs")).bearer(gina).send().status(), "on every route");
        assertEquals(404, HttpCall.delete(url("/api/users/gina")).bearer(admin).send().status());
        assertEquals(201, createUser("gina", "another-gina-pw").status());
        assertEquals(401, HttpCall.get(url("/api/user")).bearer(gina).send().status(),
                "a new account of the same name is not the removed one");
    }

    /** The last-admin rule, which through HTTP only two admins removing each other can reach, is in UserAccountsTest. */
    @Test
    void anAdminCannotRemoveThemselves() {
        HttpCall.Response response = HttpCall.delete(url("/api/users/admin")).bearer(admin).send();
        assertEquals(409, response.status());
        assertEquals("you cannot remove yourself", response.json().get("error"));
    }

    @Test
    void shortPasswordsAndOddNamesAreRefused() {
        assertEquals(400, createUser("henry", "short").status());
        assertEquals(400, createUser("bad name!", "long-enough-pw").status());
        assertEquals(400, createUser("ivan", "é".repeat(40)).status(), "80 bytes is beyond bcrypt's 72");
    }
}
