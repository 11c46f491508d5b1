package io.loadstack.api.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LOADSTACK_JWT_EXPIRATION_SECONDS sets how long a login's token lives, in the answer and in the token. */
class TokenLifetimeTest {

    @Test
    void theLoginTokenLivesAsLongAsConfigured() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("TokenLifetime")) {
            Map<String, Object> properties = new HashMap<>(ApiTestServer.properties(database));
            properties.put("loadstack.jwt.expiration-seconds", "120");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                HttpCall.Response response = HttpCall.post(server.getURL() + "/login", HttpCall.json(
                        Map.of("username", ApiTestServer.ADMIN, "password", ApiTestServer.ADMIN_PASSWORD))).send();
                assertEquals(200, response.status(), response.toString());
                assertEquals(120, ((Number) response.json().get("expires_in")).intValue());
                JWTClaimsSet claims = SignedJWT.parse((String) response.json().get("access_token")).getJWTClaimsSet();
                assertEquals(120, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
            }
        }
    }
}
