package io.loadstack.consumer.ingest;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and sloppy ingestion requests: each a 4xx with a JSON error, and the service stays healthy. */
class IngestBadInputTest extends ConsumerServerTest {

    private String otherToken;
    private String run;

    @BeforeAll
    void registerARunAndAnotherUser() {
        otherToken = ConsumerTestSetup.userWithToken(database, "eve");
        run = register("{}");
    }

    static Stream<Arguments> badRequests() {
        String ok = "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":1,\"failures\":0,\"responseTimes\":{\"12\":1}}]}";
        return Stream.of(
                Arguments.of("malformed JSON", "stats", "{\"endpoints\": [", "alice", 400),
                Arguments.of("not JSON", "stats", "\u0000\u0001\u0002", "alice", 400),
                Arguments.of("wrong types", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":\"many\",\"failures\":0}]}", "alice", 400),
                Arguments.of("negative count", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":-5,\"failures\":0}]}", "alice", 400),
                Arguments.of("absurd count", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":1e30,\"failures\":0}]}", "alice", 400),
                Arguments.of("absurd users", "stats", "{\"users\":999999999999,\"endpoints\":[]}", "alice", 400),
                Arguments.of("negative response time", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":1,\"failures\":0,\"responseTimes\":{\"-3\":1}}]}", "alice", 400),
                Arguments.of("response time of a year", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":1,\"failures\":0,\"responseTimes\":[31536000000]}]}", "alice", 400),
                Arguments.of("histogram key not a number", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":1,\"failures\":0,\"responseTimes\":{\"fast\":1}}]}", "alice", 400),
                Arguments.of("unknown field", "stats", "{\"endpoints\":[],\"dropTables\":true}", "alice", 400),
                Arguments.of("missing endpoints", "stats", "{\"users\":3}", "alice", 400),
                Arguments.of("name too long", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"" + "n".repeat(400) + "\",\"requests\":1,\"failures\":0}]}", "alice", 400),
                Arguments.of("unknown uuid", "stats-unknown", ok, "alice", 404),
                Arguments.of("not a uuid", "stats-garbage", ok, "alice", 400),
                Arguments.of("wrong token", "stats", ok, "wrong", 401),
                Arguments.of("no token", "stats", ok, "none", 401),
                Arguments.of("another user's run", "stats", ok, "eve", 403),
                Arguments.of("commit of an unknown run", "commit", "{\"uuid\":\"7d444840-9dc0-11d1-b245-5ffdce74fad2\"}", "alice", 404),
                Arguments.of("commit without uuid", "commit", "{\"startedAt\":\"2026-11-23T10:00:00Z\"}", "alice", 400),
                Arguments.of("register with a bad time", "register", "{\"startedAt\":\"yesterday-ish\"}", "alice", 400),
                Arguments.of("register with a time MySQL cannot store: 1e309", "register", "{\"startedAt\":1e309}", "alice", 400),
                Arguments.of("register with a time MySQL cannot store: Long.MAX_VALUE", "register", "{\"startedAt\":9223372036854775807}", "alice", 400),
                Arguments.of("register with a time MySQL cannot store: year 999999999", "register", "{\"startedAt\":\"+999999999-12-31T23:59:59Z\"}", "alice", 400),
                Arguments.of("register with a time MySQL cannot store: year 1", "register", "{\"startedAt\":\"0001-01-01T00:00:00Z\"}", "alice", 400),
                Arguments.of("register with a time MySQL cannot store: NaN", "register", "{\"startedAt\":\"NaN\"}", "alice", 400),
                Arguments.of("register with a time MySQL cannot store: -1e18", "register", "{\"startedAt\":\"-1e18\"}", "alice", 400),
                Arguments.of("register with an object tag", "register", "{\"measurement\":{\"tags\":{\"a\":{\"b\":1}}}}", "alice", 400),
                Arguments.of("empty method", "stats", "{\"endpoints\":[{\"method\":\"\",\"name\":\"/a\",\"requests\":1,\"failures\":0,\"responseTimes\":{\"12\":1}}]}", "alice", 400),
                Arguments.of("more failures than requests", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":6,\"failures\":7,\"responseTimes\":{\"12\":6}}]}", "alice", 400),
                Arguments.of("more response times than requests", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":2,\"failures\":0,\"responseTimes\":{\"12\":2,\"30\":1}}]}", "alice", 400),
                Arguments.of("more raw response times than requests", "stats", "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":1,\"failures\":0,\"responseTimes\":[12,30]}]}", "alice", 400),
                Arguments.of("content after the JSON value", "stats", ok + "{}{}", "alice", 400),
                Arguments.of("a second stats body after the first", "stats", ok + " " + ok, "alice", 400),
                Arguments.of("register with content after the JSON value", "register", "{}{}{}", "alice", 400),
                Arguments.of("commit with content after the JSON value", "commit", "{\"uuid\":\"7d444840-9dc0-11d1-b245-5ffdce74fad2\"} x", "alice", 400),
                Arguments.of("body over 10 MB", "stats", "{\"endpoints\":[],\"pad\":\"" + "x".repeat(10 * 1024 * 1024 + 10) + "\"}", "alice", 413));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("badRequests")
    void badIngestionInputGetsA4xxJsonError(String what, String target, String body, String who, int expected) {
        String url = switch (target) {
            case "stats" -> base + "/apiv0.1/events/" + run + "/stats";
            case "stats-unknown" -> base + "/apiv0.1/events/7d444840-9dc0-11d1-b245-5ffdce74fad2/stats";
            case "stats-garbage" -> base + "/apiv0.1/events/'%3BDROP%20TABLE%20runs/stats";
            case "commit" -> base + "/apiv0.1/events/commit";
            default -> base + "/apiv0.1/events/register";
        };
        HttpCall call = HttpCall.method("POST", url, body.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "application/json");
        switch (who) {
            case "alice" -> call.header("Authorization", "Token " + token);
            case "eve" -> call.header("Authorization", "Token " + otherToken);
            case "wrong" -> call.header("Authorization", "Token lst_thisisnotarealtokenatall0000000000000000");
            default -> { }
        }
        HttpCall.Response response = call.send();
        assertEquals(expected, response.status(), what + ": " + response);
        assertInstanceOf(String.class, response.json().get("error"), what);
        assertFalse(response.body().contains("Exception"), response.body());
        assertEquals(200, HttpCall.get(base + "/api/healthcheck").send().status(), "healthy after " + what);
    }

    @Test
    void aSecondJsonValueInTheBodyIsNamedInTheError() {
        String body = "{\"endpoints\":[]}{\"endpoints\":[]}";
        HttpCall.Response response = HttpCall.post(url("/apiv0.1/events/" + run + "/stats"), body)
                .header("Authorization", "Token " + token).send();
        assertEquals(400, response.status(), response.toString());
        assertEquals("malformed request body: content after the JSON value, at line 1, column 18 (send one JSON value per request)",
                response.json().get("error"));
    }

    @Test
    void fewerResponseTimesThanRequestsAreAcceptedAndEveryRequestCounts() throws Exception {
        String uuid = register("{}");
        String body = "{\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":5,\"failures\":2,\"responseTimes\":{\"12\":3}}]}";
        HttpCall.Response response = stats(uuid, body);
        assertEquals(202, response.status(), response.toString());
        assertTrue(bean(FlushJob.class).flushNow());
        Map<String, Object> row = database.row("SELECT requests, failures, p50_ms FROM runs WHERE uuid = ?", uuid);
        assertEquals(5L, ((Number) row.get("requests")).longValue());
        assertEquals(2L, ((Number) row.get("failures")).longValue());
        assertEquals(12.0, ((Number) row.get("p50_ms")).doubleValue(), 0.2, "the timed requests make the percentiles");
    }
}
