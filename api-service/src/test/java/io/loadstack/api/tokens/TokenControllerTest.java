package io.loadstack.api.tokens;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenControllerTest extends ApiServerTest {

    @Test
    void createShowsTheSecretOnceAndStoresOnlyItsHash() throws SQLException {
        HttpCall.Response created = HttpCall.post(url("/api/tokens"), "{\"name\":\"ci runner\"}").bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        String secret = (String) created.json().get("token");
        long id = ((Number) created.json().get("id")).longValue();
        assertTrue(secret.startsWith("lst_") && secret.length() > 40, secret);
        assertEquals("ci runner", created.json().get("name"));

        HttpCall.Response listed = HttpCall.get(url("/api/tokens")).bearer(admin).send();
        assertEquals(200, listed.status());
        assertFalse(listed.body().contains(secret), "the list never shows the secret");
        assertTrue(listed.jsonList().stream().anyMatch(t -> ((Number) t.get("id")).longValue() == id));

        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT token_hash FROM ingest_tokens WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals(IngestTokenHash.hash(secret), row.getString(1));
                assertFalse(row.getString(1).contains(secret));
            }
        }
    }

    @Test
    void createUseRevoke() throws SQLException {
        String secret = (String) HttpCall.post(url("/api/tokens"), "{\"name\":\"to revoke\"}").bearer(admin).send().json().get("token");
        long id = idOf(secret);

        // An ingest token only ingests: the api-service refuses it in every header form.
        assertEquals(401, HttpCall.get(url("/api/user")).bearer(secret).send().status());
        assertEquals(401, HttpCall.get(url("/api/tokens")).header("Authorization", "Token " + secret).send().status());

        assertEquals(204, HttpCall.delete(url("/api/tokens/" + id)).bearer(admin).send().status());
        List<Map<String, Object>> listed = HttpCall.get(url("/api/tokens")).bearer(admin).send().jsonList();
        assertTrue(listed.stream().noneMatch(t -> ((Number) t.get("id")).longValue() == id));
        assertNotNull(revokedAt(id), "revocation is recorded, which the consumer checks");
        assertEquals(404, HttpCall.delete(url("/api/tokens/" + id)).bearer(admin).send().status(), "revoking twice");
    }

    @Test
    void aUserCannotSeeOrRevokeAnotherUsersToken() throws SQLException {
        HttpCall.Response createdUser = HttpCall.post(url("/api/users"),
                "{\"username\":\"tokenthief\",\"password\":\"thief-password\"}").bearer(admin).send();
        assertEquals(201, createdUser.status(), createdUser.toString());
        String thief = ApiTestServer.login(server.getURL().toString(), "tokenthief", "thief-password");

        String secret = (String) HttpCall.post(url("/api/tokens"), "{\"name\":\"admin's\"}").bearer(admin).send().json().get("token");
        long id = idOf(secret);
        assertTrue(HttpCall.get(url("/api/tokens")).bearer(thief).send().jsonList().isEmpty());
        assertEquals(404, HttpCall.delete(url("/api/tokens/" + id)).bearer(thief).send().status());
        assertNull(revokedAt(id));
    }

    @Test
    void badTokenRequestsAreClientErrors() {
        assertEquals(400, HttpCall.post(url("/api/tokens"), "{}").bearer(admin).send().status());
        assertEquals(400, HttpCall.post(url("/api/tokens"), "{\"name\":\"" + "x".repeat(101) + "\"}").bearer(admin).send().status());
        HttpCall.Response notAnId = HttpCall.delete(url("/api/tokens/abc")).bearer(admin).send();
        assertEquals(400, notAnId.status());
        assertEquals("id must be a whole number, not 'abc'", notAnId.json().get("error"));
        assertEquals(401, HttpCall.post(url("/api/tokens"), "{\"name\":\"x\"}").send().status());
    }

    private long idOf(String secret) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT id FROM ingest_tokens WHERE token_hash = ?")) {
            query.setString(1, IngestTokenHash.hash(secret));
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getLong(1);
            }
        }
    }

    private Object revokedAt(long id) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT revoked_at FROM ingest_tokens WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getObject(1);
            }
        }
    }
}
