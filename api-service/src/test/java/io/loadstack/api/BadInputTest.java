package io.loadstack.api;

import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a client sends, the answer is the right 4xx with a JSON error, and the service stays healthy. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends ApiServerTest {

    static Stream<Arguments> badRequests() {
        byte[] twoMegabytes = ("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("malformed JSON", "POST", "/auth", "{\"username\":", true, 400),
                Arguments.of("not JSON at all", "POST", "/auth", "\u0000\u0001binary", true, 400),
                Arguments.of("missing fields", "POST", "/auth", "{}", true, 400),
                Arguments.of("wrong types", "POST", "/auth", "{\"username\":{\"a\":1},\"password\":[1,2]}", true, 400),
                Arguments.of("JSON array instead of object", "POST", "/login", "[1,2,3]", true, 400),
                Arguments.of("unknown route", "GET", "/api/nothing-here", null, true, 404),
                Arguments.of("wrong method", "DELETE", "/api/healthcheck", null, true, 405),
                Arguments.of("wrong content type", "POST", "/api/tokens", "name=x", true, 415),
                Arguments.of("oversized body", "POST", "/api/tokens", new String(twoMegabytes, StandardCharsets.UTF_8), true, 413),
                Arguments.of("no token", "GET", "/api/tokens", null, false, 401),
                Arguments.of("path id of the wrong type", "DELETE", "/api/tokens/not-a-number", null, true, 400),
                Arguments.of("huge username", "POST", "/auth", "{\"username\":\"" + "u".repeat(10_000) + "\",\"password\":\"p\"}", true, 400));
    }

    @ParameterizedTest(name = "{0} → {5}")
    @MethodSource("badRequests")
    void badInputGetsA4xxJsonError(String what, String method, String path, String body, boolean signedIn, int expected) {
        HttpCall call = HttpCall.method(method, server.getURL() + path,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            call.header("Content-Type", what.equals("wrong content type") ? "application/x-www-form-urlencoded" : "application/json");
        }
        if (signedIn) {
            call.bearer(admin);
        }
        HttpCall.Response response = call.send();
        assertEquals(expected, response.status(), what + ": " + response);
        Object error = response.json().get("error");
        assertInstanceOf(String.class, error, what);
        assertFalse(((String) error).isBlank());
        assertFalse(response.body().contains("Exception"), "no stack trace or class name: " + response.body());
        assertTrue(HttpCall.get(server.getURL() + "/api/healthcheck").send().status() == 200, "still healthy after " + what);
    }
}
