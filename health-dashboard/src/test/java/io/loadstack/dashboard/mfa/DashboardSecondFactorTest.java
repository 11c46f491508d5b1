package io.loadstack.dashboard.mfa;

import io.loadstack.dashboard.DashboardTestSupport;
import io.loadstack.dashboard.FakeService;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.Rfc6238;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health dashboard's sign-in takes the same second step as the api-service's (service-support's shared
 * endpoints, the api-service's tables): the policy requires a factor, the user sets it up with the enrollment
 * token, then signs in with a code computed by the tests' own RFC 6238 implementation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSecondFactorTest {

    private final TestDatabase database = TestDatabase.fresh("DashboardSecondFactorTest");
    private final FakeService target = new FakeService();
    private EmbeddedServer server;
    private String base;

    @BeforeAll
    void start() {
        DashboardTestSupport.createUsers(database);
        server = ApplicationContext.run(EmbeddedServer.class, DashboardTestSupport.properties(database, "fake=" + target.url()));
        base = server.getURL().toString();
    }

    @AfterAll
    void stop() {
        server.close();
        target.close();
        database.close();
    }

    @Test
    void aRequiredSecondFactorIsSetUpAndThenAskedForAtTheDashboardsSignIn() {
        HttpCall.Response before = signIn();
        assertNotNull(before.json().get("access_token"), "no factor, no policy: one step as before");

        database.update("UPDATE mfa_policy SET requirement = 'EVERYONE'");
        HttpCall.Response required = signIn();
        assertEquals(200, required.status(), required.toString());
        assertNull(required.json().get("access_token"));
        assertEquals(Boolean.TRUE, required.json().get("mfa_enrollment_required"));
        String enrollToken = (String) required.json().get("mfa_token");

        HttpCall.Response enrollment = HttpCall.post(base + "/auth/mfa/enroll", HttpCall.json(Map.of("mfa_token", enrollToken))).send();
        assertEquals(200, enrollment.status(), enrollment.toString());
        assertTrue(((String) enrollment.json().get("qrSvg")).startsWith("<svg"));
        String secret = (String) enrollment.json().get("secret");
        HttpCall.Response enrolled = HttpCall.post(base + "/auth/mfa/enroll/confirm", HttpCall.json(Map.of("mfa_token", enrollToken,
                "code", Rfc6238.code(secret, Instant.now())))).send();
        assertEquals(200, enrolled.status(), enrolled.toString());
        assertEquals(10, ((List<?>) enrolled.json().get("recoveryCodes")).size());
        assertEquals(200, HttpCall.get(base + "/api/services").bearer((String) enrolled.json().get("access_token")).send().status());

        HttpCall.Response challenge = signIn();
        assertEquals(Boolean.TRUE, challenge.json().get("mfa_required"));
        assertFalse(challenge.json().containsKey("mfa_enrollment_required"));
        String mfaToken = (String) challenge.json().get("mfa_token");
        assertEquals(401, HttpCall.post(base + "/auth/mfa", HttpCall.json(Map.of("mfa_token", mfaToken,
                "code", Rfc6238.code(secret, Instant.now().minusSeconds(300))))).send().status(), "an old code");
        HttpCall.Response signedIn = HttpCall.post(base + "/auth/mfa", HttpCall.json(Map.of("mfa_token", mfaToken,
                "code", Rfc6238.code(secret, Instant.now().plusSeconds(30))))).send();
        assertEquals(200, signedIn.status(), signedIn.toString());
        assertEquals(200, HttpCall.get(base + "/api/services").bearer((String) signedIn.json().get("access_token")).send().status());

        assertEquals("{\"factor\":\"totp\",\"service\":\"health-dashboard\"}", database.row(
                "SELECT detail FROM audit_log WHERE action = 'SIGN_IN' ORDER BY id DESC LIMIT 1").get("detail"));
    }

    private HttpCall.Response signIn() {
        return HttpCall.post(base + "/login",
                HttpCall.json(Map.of("username", DashboardTestSupport.USER, "password", DashboardTestSupport.PASSWORD))).send();
    }
}
