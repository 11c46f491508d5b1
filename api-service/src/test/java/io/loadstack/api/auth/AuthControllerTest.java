package io.loadstack.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthControllerTest extends ApiServerTest {

    @Test
    void authAndLoginBothIssueAToken() {
        for (String path : List.of("/auth", "/login")) {
            HttpCall.Response response = HttpCall.post(url(path),
                    HttpCall.json(Map.of("username", ApiTestServer.ADMIN, "password", ApiTestServer.ADMIN_PASSWORD))).send();
            assertEquals(200, response.status(), response.toString());
            Map<String, Object> body = response.json();
            assertNotNull(body.get("access_token"));
            assertEquals("Bearer", body.get("token_type"));
            assertEquals(3600, ((Number) body.get("expires_in")).intValue());
            assertEquals(ApiTestServer.ADMIN, body.get("username"));
        }
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        HttpCall.Response response = HttpCall.post(url("/auth"),
                HttpCall.json(Map.of("username", ApiTestServer.ADMIN, "password", "not-the-password"))).send();
        assertEquals(401, response.status());
        assertTrue(((String) response.json().get("error")).contains("wrong username or password"));
    }

    @Test
    void unknownUserIsUnauthorizedLikeAWrongPassword() {
        HttpCall.Response response = HttpCall.post(url("/login"),
                HttpCall.json(Map.of("username", "nobody", "password", "whatever1"))).send();
        assertEquals(401, response.status());
        assertEquals("wrong username or password", response.json().get("error"));
    }

    @Test
    void bothJwtAndBearerPrefixesAreAccepted() {
        String token = ApiTestServer.login(server.getURL().toString(), ApiTestServer.ADMIN, ApiTestServer.ADMIN_PASSWORD);
        for (String prefix : List.of("JWT ", "Bearer ", "bearer ")) {
            HttpCall.Response response = HttpCall.get(url("/api/user")).header("Authorization", prefix + token).send();
            assertEquals(200, response.status(), prefix + response);
            assertEquals(ApiTestServer.ADMIN, response.json().get("username"));
            assertEquals(List.of("ADMIN"), response.json().get("roles"));
        }
    }

    @Test
    void missingTokenIsUnauthorizedWithJsonError() {
        HttpCall.Response response = HttpCall.get(url("/api/user")).send();
        assertEquals(401, response.status());
        assertNotNull(response.json().get("error"));
    }

    @Test
    void expiredTokenIsRejected() throws JOSEException {
        String expired = signed(ApiTestServer.SECRET, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
        assertEquals(401, HttpCall.get(url("/api/user")).bearer(expired).send().status());
        // The same claims, still valid, pass: the rejection above is about expiry, not the token's make.
        String valid = signed(ApiTestServer.SECRET, Instant.now(), Instant.now().plusSeconds(600));
        assertEquals(200, HttpCall.get(url("/api/user")).bearer(valid).send().status());
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() throws JOSEException {
        String forged = signed("another-secret-that-is-also-long-enough-0123456789", Instant.now(), Instant.now().plusSeconds(600));
        HttpCall.Response response = HttpCall.get(url("/api/user")).bearer(forged).send();
        assertEquals(401, response.status());
        assertNotNull(response.json().get("error"));
    }

    @Test
    void unsignedTokenIsRejected() {
        String unsigned = new PlainJWT(claims(Instant.now(), Instant.now().plusSeconds(600))).serialize();
        assertTrue(unsigned.startsWith("eyJhbGciOiJub25lIn0"), "alg none header");
        assertEquals(401, HttpCall.get(url("/api/user")).bearer(unsigned).send().status());
        assertEquals(401, HttpCall.get(url("/api/user")).header("Authorization", "JWT " + unsigned).send().status());
    }

    @Test
    void garbageTokenIsRejected() {
        assertEquals(401, HttpCall.get(url("/api/user")).bearer("not.a.jwt").send().status());
        assertEquals(401, HttpCall.get(url("/api/user")).bearer("lst_aningesttokenisnotalogin").send().status());
    }

    @Test
    void repeatedFailuresForOneUsernameAreSlowedDownWith429() {
        String body = HttpCall.json(Map.of("username", "victim", "password", "guess-guess"));
        int status = 0;
        HttpCall.Response response = null;
        for (int i = 0; i < 10 && status != 429; i++) {
            // Its own address, so that the other tests' logins from 127.0.0.1 are not slowed down.
            response = HttpCall.post(url("/auth"), body).header("X-Real-IP", "203.0.113.7").send();
            status = response.status();
        }
        assertEquals(429, status, "throttled after a few failures");
        int retryAfter = Integer.parseInt(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(((String) response.json().get("error")).contains("too many failed logins"));
    }

    private static String signed(String secret, Instant issued, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(issued, expires));
        jwt.sign(new MACSigner(secret.getBytes()));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .subject(ApiTestServer.ADMIN)
                .claim("roles", List.of("ADMIN"))
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build();
    }
}
