package io.loadstack.api.mfa;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.Rfc6238;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second factor over HTTP on MariaDB: enrollment, the two-step sign-in with codes computed by the tests' own
 * RFC 6238 implementation (test-support's Rfc6238, checked by Rfc6238Test), replays, throttling, recovery codes, the
 * policy, turning off and resetting, and what the audit log holds. Each test has users of its own, and each user
 * its own client address, so that one test's wrong codes never slow another's down.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondFactorSignInTest extends ApiServerTest {

    private static final AtomicInteger USERS = new AtomicInteger();
    /** Every password, code and token the tests send: none may appear in the audit log. */
    private final List<String> secretsSent = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void usersWithoutASecondFactorSignInInOneStepAsBefore() {
        Person plain = person("USER");
        for (String path : List.of("/auth", "/login")) {
            HttpCall.Response response = plain.passwordStep(path);
            assertEquals(200, response.status(), response.toString());
            assertNotNull(response.json().get("access_token"));
            assertEquals("Bearer", response.json().get("token_type"));
            assertFalse(response.json().containsKey("mfa_required"), response.body());
        }
    }

    @Test
    void enrolledUserSignsInWithACodeFromAnIndependentImplementation() {
        Person user = person("USER");
        HttpCall.Response begun = user.call(HttpCall.post(url("/api/user/mfa"), "{}").bearer(user.passwordToken()));
        assertEquals(200, begun.status(), begun.toString());
        String secret = (String) begun.json().get("secret");
        String uri = (String) begun.json().get("otpauthUri");
        assertEquals(32, secret.length(), "160 bits in Base32");
        assertTrue(uri.startsWith("otpauth://totp/Loadstack:" + user.name + "?secret=" + secret + "&issuer=Loadstack"), uri);
        assertTrue(URLDecoder.decode(uri, StandardCharsets.UTF_8).contains("digits=6&period=30"), uri);
        assertTrue(((String) begun.json().get("qrSvg")).startsWith("<svg"), "the QR code is drawn here, as SVG");
        user.secret = secret;

        List<String> recoveryCodes = user.confirm();
        assertEquals(10, recoveryCodes.size());
        assertEquals(10, recoveryCodes.stream().distinct().count());

        HttpCall.Response challenge = user.passwordStep("/auth");
        assertEquals(200, challenge.status(), challenge.toString());
        assertEquals(Boolean.TRUE, challenge.json().get("mfa_required"));
        assertEquals(300, ((Number) challenge.json().get("expires_in")).intValue());
        assertNull(challenge.json().get("access_token"), "no token before the second factor");
        assertFalse(challenge.json().containsKey("mfa_enrollment_required"));
        String mfaToken = (String) challenge.json().get("mfa_token");

        HttpCall.Response signedIn = user.codeStep(mfaToken, user.nextCode());
        assertEquals(200, signedIn.status(), signedIn.toString());
        String accessToken = (String) signedIn.json().get("access_token");
        assertEquals(user.name, signedIn.json().get("username"));
        HttpCall.Response me = HttpCall.get(url("/api/user")).bearer(accessToken).send();
        assertEquals(200, me.status());
        assertEquals(Boolean.TRUE, me.json().get("mfaEnabled"));

        // The /login alias takes the same second step.
        HttpCall.Response viaLogin = user.passwordStep("/login");
        assertEquals(Boolean.TRUE, viaLogin.json().get("mfa_required"));
    }

    @Test
    void wrongCodeIsUnauthorizedAndTheStepMayBeTriedAgain() {
        Person user = person("USER").enrolled();
        String mfaToken = user.challenge();
        HttpCall.Response wrong = user.codeStep(mfaToken, wrongCode(user));
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals("wrong code", wrong.json().get("error"));
        String right = user.nextCode();
        assertEquals(200, user.codeStep(mfaToken, right.substring(0, 3) + " " + right.substring(3)).status(),
                "typed as the apps show it, with a space");
    }

    @Test
    void replayedCodeIsRefused() {
        Person user = person("USER").enrolled();
        String code = user.nextCode();
        assertEquals(200, user.codeStep(user.challenge(), code).status());
        HttpCall.Response replay = user.codeStep(user.challenge(), code);
        assertEquals(401, replay.status(), "the same code within its window: " + replay);
    }

    @Test
    void mfaTokenWorksOnce() {
        Person user = person("USER").enrolled();
        String mfaToken = user.challenge();
        assertEquals(200, user.codeStep(mfaToken, user.nextCode()).status());
        HttpCall.Response again = user.codeStep(mfaToken, user.nextCode());
        assertEquals(401, again.status(), again.toString());
        assertTrue(((String) again.json().get("error")).contains("sign in again"), again.body());
    }

    @Test
    void anExpiredStepIsRefused() {
        Person user = person("USER").enrolled();
        String mfaToken = user.challenge();
        // As if five minutes had passed: the expiry is the row's, checked by the database's clock-free comparison.
        assertEquals(1, database.update("UPDATE mfa_challenges SET expires_at = ? WHERE user_id = "
                + "(SELECT id FROM users WHERE username = ?)", java.sql.Timestamp.from(Instant.now().minusSeconds(1)), user.name));
        HttpCall.Response expired = user.codeStep(mfaToken, user.nextCode());
        assertEquals(401, expired.status(), expired.toString());
        assertTrue(((String) expired.json().get("error")).contains("sign in again"), expired.body());
    }

    @Test
    void theSameCodeSentTwiceAtOnceWorksOnce() throws Exception {
        Person user = person("USER").enrolled();
        String code = user.nextCode();
        String first = user.challenge();
        String second = user.challenge();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (String token : List.of(first, second)) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return user.codeStep(token, code).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 401), statuses, "one sign-in per code, whichever request the database takes first");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownOrMalformedStepsAreRefusedWithJsonErrors() {
        Person user = person("USER");
        assertEquals(401, user.codeStep("lsm_not-a-token-anyone-was-given", "123456").status());
        for (String body : List.of("{}", "{\"mfa_token\": \"x\"}", "{\"code\": \"123456\"}", "[1]", "not json",
                "{\"mfa_token\": \"" + "x".repeat(5000) + "\", \"code\": \"1\"}")) {
            for (String path : List.of("/auth/mfa", "/auth/mfa/enroll", "/auth/mfa/enroll/confirm")) {
                HttpCall.Response response = user.call(HttpCall.post(url(path), body));
                assertTrue(response.status() == 400 || response.status() == 401, path + " " + body + ": " + response);
                assertNotNull(response.json().get("error"), response.body());
            }
        }
    }

    @Test
    void wrongCodesAreThrottledWith429AndRetryAfter() {
        Person user = person("USER").enrolled();
        String mfaToken = user.challenge();
        HttpCall.Response response = null;
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            response = user.codeStep(mfaToken, wrongCode(user));
            status = response.status();
            assertTrue(status == 401 || status == 429, response.toString());
        }
        assertEquals(429, status, "throttled after a few wrong codes");
        assertTrue(Integer.parseInt(response.header("Retry-After")) >= 1, response.toString());
        // A right password does not buy fresh guesses at the code.
        HttpCall.Response afterPassword = user.codeStep(user.challenge(), wrongCode(user));
        assertEquals(429, afterPassword.status(), afterPassword.toString());
    }

    @Test
    void recoveryCodeWorksOnce() {
        Person user = person("USER");
        List<String> recoveryCodes = user.enroll();
        String recovery = recoveryCodes.get(3);
        HttpCall.Response signedIn = user.codeStep(user.challenge(), recovery.toUpperCase());
        assertEquals(200, signedIn.status(), "case as typed does not matter: " + signedIn);
        assertNotNull(signedIn.json().get("access_token"));
        assertEquals(401, user.codeStep(user.challenge(), recovery).status(), "a recovery code works once");
        assertEquals(200, user.codeStep(user.challenge(), recoveryCodes.get(4)).status(), "the others still work");
        assertEquals(2, auditRows("MFA_RECOVERY_CODE_USED", user.name).size(), "one row per code used");
    }

    @Test
    void requiringForAdminsTakesAnAdminWithoutOneToEnrollmentFirst() {
        Person otherAdmin = person("ADMIN");
        Person plain = person("USER");
        try {
            assertEquals(403, HttpCall.put(url("/api/mfa-policy"), "{\"requirement\": \"EVERYONE\"}")
                    .bearer(plain.passwordToken()).send().status(), "only admins set the policy");
            HttpCall.Response changed = HttpCall.put(url("/api/mfa-policy"), "{\"requirement\": \"ADMINS\"}").bearer(admin).send();
            assertEquals(200, changed.status(), changed.toString());
            assertEquals("ADMINS", HttpCall.get(url("/api/mfa-policy")).bearer(admin).send().json().get("requirement"));
            assertEquals(400, HttpCall.put(url("/api/mfa-policy"), "{\"requirement\": \"SOMETIMES\"}").bearer(admin).send().status());

            HttpCall.Response userSignIn = plain.passwordStep("/auth");
            assertNotNull(userSignIn.json().get("access_token"), "users are not required: " + userSignIn);

            HttpCall.Response adminSignIn = otherAdmin.passwordStep("/auth");
            assertEquals(200, adminSignIn.status());
            assertNull(adminSignIn.json().get("access_token"), adminSignIn.body());
            assertEquals(Boolean.TRUE, adminSignIn.json().get("mfa_required"));
            assertEquals(Boolean.TRUE, adminSignIn.json().get("mfa_enrollment_required"));
            String enrollToken = (String) adminSignIn.json().get("mfa_token");
            remember(enrollToken);
            assertEquals(401, otherAdmin.codeStep(enrollToken, "123456").status(), "no code step before enrolling");

            HttpCall.Response enrollment = otherAdmin.call(HttpCall.post(url("/auth/mfa/enroll"),
                    HttpCall.json(Map.of("mfa_token", enrollToken))));
            assertEquals(200, enrollment.status(), enrollment.toString());
            assertTrue(((String) enrollment.json().get("qrSvg")).startsWith("<svg"));
            otherAdmin.secret = (String) enrollment.json().get("secret");
            HttpCall.Response confirmed = otherAdmin.call(HttpCall.post(url("/auth/mfa/enroll/confirm"),
                    HttpCall.json(Map.of("mfa_token", enrollToken, "code", otherAdmin.nextCode()))));
            assertEquals(200, confirmed.status(), confirmed.toString());
            assertNotNull(confirmed.json().get("access_token"));
            assertEquals(List.of("ADMIN"), confirmed.json().get("roles"));
            assertEquals(10, ((List<?>) confirmed.json().get("recoveryCodes")).size());
            ((List<?>) confirmed.json().get("recoveryCodes")).forEach(code -> remember((String) code));

            HttpCall.Response next = otherAdmin.passwordStep("/auth");
            assertFalse(next.json().containsKey("mfa_enrollment_required"), "enrolled now: " + next);
            assertEquals(200, otherAdmin.codeStep((String) next.json().get("mfa_token"), otherAdmin.nextCode()).status());
        } finally {
            HttpCall.put(url("/api/mfa-policy"), "{\"requirement\": \"NONE\"}").bearer(admin).send();
        }
        assertFalse(auditRows("MFA_POLICY_CHANGED", ApiTestServer.ADMIN).isEmpty());
    }

    @Test
    void turningOffNeedsThePasswordAndACode() {
        Person user = person("USER").enrolled();
        String token = user.signInWithCode();
        String code = user.nextCode();
        HttpCall.Response wrongPassword = user.disable(token, "not-the-password", code);
        assertEquals(403, wrongPassword.status(), wrongPassword.toString());
        HttpCall.Response wrongCode = user.disable(token, user.password, wrongCode(user));
        assertEquals(403, wrongCode.status(), wrongCode.toString());
        assertEquals(204, user.disable(token, user.password, code).status(), "the code refused with the password is unused");
        assertNotNull(user.passwordStep("/auth").json().get("access_token"), "the password alone again");
        assertEquals(409, user.disable(token, user.password, "123456").status(), "nothing left to turn off");
    }

    @Test
    void adminResetsAUsersSecondFactor() {
        Person user = person("USER").enrolled();
        Person other = person("USER");
        assertEquals(403, HttpCall.delete(url("/api/users/" + user.name + "/mfa")).bearer(other.passwordToken()).send().status());
        List<Map<String, Object>> before = HttpCall.get(url("/api/users")).bearer(admin).send().jsonList();
        assertEquals(Boolean.TRUE, before.stream().filter(u -> user.name.equals(u.get("username"))).findFirst()
                .orElseThrow().get("mfaEnabled"), "the admins' list shows who has a second factor");

        assertEquals(204, HttpCall.delete(url("/api/users/" + user.name + "/mfa")).bearer(admin).send().status());
        assertNotNull(user.passwordStep("/auth").json().get("access_token"), "signs in with the password alone");
        assertEquals(409, HttpCall.delete(url("/api/users/" + user.name + "/mfa")).bearer(admin).send().status());
        assertEquals(404, HttpCall.delete(url("/api/users/nobody-at-all/mfa")).bearer(admin).send().status());
        assertEquals(1, auditRows("MFA_RESET", ApiTestServer.ADMIN).stream()
                .filter(d -> d.equals("{\"user\":\"" + user.name + "\"}")).count());
    }

    @Test
    void enrollingTwiceNeedsTheFirstTurnedOffAndAWrongConfirmationIsNotASignOut() {
        Person user = person("USER");
        String token = user.passwordToken();
        assertEquals(409, user.call(HttpCall.post(url("/api/user/mfa/confirm"), "{\"code\": \"123456\"}").bearer(token)).status(),
                "nothing to confirm before a secret was made");
        user.secret = (String) user.call(HttpCall.post(url("/api/user/mfa"), "{}").bearer(token)).json().get("secret");
        HttpCall.Response wrong = user.call(HttpCall.post(url("/api/user/mfa/confirm"),
                HttpCall.json(Map.of("code", wrongCode(user)))).bearer(token));
        assertEquals(403, wrong.status(), wrong.toString());
        user.confirmWith(token);
        assertEquals(409, user.call(HttpCall.post(url("/api/user/mfa"), "{}").bearer(token)).status());
        assertEquals(401, HttpCall.post(url("/api/user/mfa"), "{}").send().status(), "signed in only");
    }

    @Test
    void secretsAreEncryptedAtRest() throws SQLException {
        Person user = person("USER").enrolled();
        byte[] raw = Rfc6238.base32Decode(user.secret);
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT f.secret FROM user_second_factors f JOIN users u ON u.id = f.user_id WHERE u.username = ?")) {
            select.setString(1, user.name);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                String stored = HexFormat.of().formatHex(row.getBytes(1));
                assertFalse(stored.contains(HexFormat.of().formatHex(raw)), "not the secret itself");
                assertFalse(new String(row.getBytes(1), StandardCharsets.ISO_8859_1).contains(user.secret));
            }
        }
    }

    @Test
    void noAuditRowHoldsAPasswordACodeOrAToken() throws SQLException {
        // Every kind of row this feature writes, then a look at all of them.
        Person user = person("USER");
        List<String> recovery = user.enroll();
        user.codeStep(user.challenge(), wrongCode(user));
        String token = user.signInWithCode();
        user.codeStep(user.challenge(), recovery.get(0));
        user.disable(token, user.password, user.nextCode());
        user.passwordStep("/auth");
        person("USER").call(HttpCall.post(url("/auth"), HttpCall.json(Map.of("username", user.name, "password", "a-wrong-one-0"))));
        remember("a-wrong-one-0");

        for (String action : List.of("SIGN_IN", "SIGN_IN_FAILED", "MFA_ENROLLED", "MFA_RECOVERY_CODE_USED", "MFA_DISABLED")) {
            assertFalse(auditRows(action, user.name).isEmpty(), action);
        }
        List<String> details = auditRows(null, user.name);
        assertTrue(details.contains("{\"factor\":\"totp\",\"service\":\"api-service\"}"), details.toString());
        assertTrue(details.contains("{\"factor\":\"recovery\",\"service\":\"api-service\"}"), details.toString());
        assertTrue(details.contains("{\"factor\":\"password\",\"service\":\"api-service\"}"), details.toString());
        assertTrue(details.contains("{\"reason\":\"wrong second-factor code\",\"service\":\"api-service\"}"), details.toString());

        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement("SELECT actor, address, action, detail FROM audit_log");
             ResultSet rows = select.executeQuery()) {
            int count = 0;
            while (rows.next()) {
                count++;
                String row = rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4);
                for (String secret : secretsSent) {
                    assertFalse(row.contains(secret), "an audit row holds a secret: " + row);
                }
            }
            assertTrue(count >= 8, "rows written: " + count);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private List<String> auditRows(String action, String actor) {
        List<String> details = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT detail FROM audit_log WHERE actor = ? AND (? IS NULL OR action = ?) ORDER BY id")) {
            select.setString(1, actor);
            select.setString(2, action);
            select.setString(3, action);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    details.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return details;
    }

    private static String wrongCode(Person user) {
        // Not the code of any step near now, so wrong whatever the clock does meanwhile.
        Instant now = Instant.now();
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean near = false;
            for (int step = -2; step <= 2; step++) {
                near |= code.equals(Rfc6238.code(user.secret, now.plusSeconds(30L * step)));
            }
            if (!near) {
                return code;
            }
        }
    }

    private void remember(String secret) {
        secretsSent.add(secret);
    }

    private Person person(String role) {
        Person person = new Person("mfa-user-" + USERS.incrementAndGet(), "password-of-user-" + USERS.get(),
                "198.51.100." + USERS.get());
        HttpCall.Response created = HttpCall.post(url("/api/users"),
                HttpCall.json(Map.of("username", person.name, "password", person.password, "role", role))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        remember(person.password);
        return person;
    }

    /** A user of one test, with an address of its own, and the codes its authenticator app would show. */
    private final class Person {
        final String name;
        final String password;
        final String address;
        String secret;
        /** The next code is that of the step after this one: each code works once, so they go forward in time. */
        long lastStepUsed = Long.MIN_VALUE;

        Person(String name, String password, String address) {
            this.name = name;
            this.password = password;
            this.address = address;
        }

        HttpCall.Response call(HttpCall call) {
            return call.header("X-Real-IP", address).send();
        }

        HttpCall.Response passwordStep(String path) {
            return call(HttpCall.post(url(path), HttpCall.json(Map.of("username", name, "password", password))));
        }

        String passwordToken() {
            HttpCall.Response response = passwordStep("/auth");
            assertEquals(200, response.status(), response.toString());
            return (String) response.json().get("access_token");
        }

        String challenge() {
            HttpCall.Response response = passwordStep("/auth");
            assertEquals(Boolean.TRUE, response.json().get("mfa_required"), response.toString());
            String token = (String) response.json().get("mfa_token");
            remember(token);
            return token;
        }

        HttpCall.Response codeStep(String mfaToken, String code) {
            remember(code);
            return call(HttpCall.post(url("/auth/mfa"), HttpCall.json(Map.of("mfa_token", mfaToken, "code", code))));
        }

        String signInWithCode() {
            HttpCall.Response response = codeStep(challenge(), nextCode());
            assertEquals(200, response.status(), response.toString());
            return (String) response.json().get("access_token");
        }

        HttpCall.Response disable(String token, String password, String code) {
            remember(code);
            return call(HttpCall.method("DELETE", url("/api/user/mfa"),
                    HttpCall.json(Map.of("password", password, "code", code)).getBytes(StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json").bearer(token));
        }

        /**
         * The code of the earliest step the service still takes (one before now) that is later than the last one
         * used: at most three codes per user, taken in order, whatever the clock does between them.
         */
        String nextCode() {
            if (Instant.now().getEpochSecond() % 30 >= 27) {
                // The step before now is about to fall out of the window: wait for the next step to begin, so
                // that no code computed here goes stale on its way to the service.
                long nextStep = (Instant.now().getEpochSecond() / 30 + 1) * 30;
                try {
                    Thread.sleep(Math.max(0, nextStep * 1000 - System.currentTimeMillis()) + 100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            long now = Instant.now().getEpochSecond() / 30;
            long step = Math.max(now - 1, lastStepUsed + 1);
            if (step > now + 1) {
                throw new IllegalStateException("a user of these tests takes at most three codes");
            }
            lastStepUsed = step;
            return Rfc6238.code(secret, Instant.ofEpochSecond(step * 30));
        }

        List<String> enroll() {
            String token = passwordToken();
            HttpCall.Response begun = call(HttpCall.post(url("/api/user/mfa"), "{}").bearer(token));
            assertEquals(200, begun.status(), begun.toString());
            secret = (String) begun.json().get("secret");
            remember(secret);
            return confirmWith(token);
        }

        List<String> confirm() {
            return confirmWith(passwordToken());
        }

        @SuppressWarnings("unchecked")
        List<String> confirmWith(String token) {
            String code = nextCode();
            remember(code);
            HttpCall.Response confirmed = call(HttpCall.post(url("/api/user/mfa/confirm"),
                    HttpCall.json(Map.of("code", code))).bearer(token));
            assertEquals(200, confirmed.status(), confirmed.toString());
            List<String> codes = (List<String>) confirmed.json().get("recoveryCodes");
            codes.forEach(SecondFactorSignInTest.this::remember);
            return codes;
        }

        Person enrolled() {
            enroll();
            return this;
        }
    }
}
