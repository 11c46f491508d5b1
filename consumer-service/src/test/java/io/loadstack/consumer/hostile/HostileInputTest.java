package io.loadstack.consumer.hostile;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.hostile.HostileCorpus;
import io.loadstack.testsupport.hostile.HostileRun;
import io.loadstack.testsupport.hostile.HostileTokens;
import io.loadstack.testsupport.hostile.Route;
import io.loadstack.testsupport.hostile.RouterRoutes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.loadstack.testsupport.hostile.JsonText.arr;
import static io.loadstack.testsupport.hostile.JsonText.obj;
import static io.loadstack.testsupport.hostile.Route.Auth.ANONYMOUS;
import static io.loadstack.testsupport.hostile.Route.Auth.INGEST_TOKEN;
import static io.loadstack.testsupport.hostile.Route.Auth.JWT;
import static io.loadstack.testsupport.hostile.Route.Auth.JWT_QUERY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the consumer-service under a seeded corpus of hostile requests (see the test-support
 * package {@code hostile}): whatever a load generator sends, no 5xx, and every 4xx a JSON {@code {"error"}}.
 */
class HostileInputTest extends ConsumerServerTest {

    private static final int MAX_BODY = 10 * 1024 * 1024;
    private static final String JMETER_LINES =
            "jmeter,application=shop,transaction=Login,statut=all count=10,avg=120.5,min=80.0,max=400.0,hit=10,pct95.0=300.0 1764669600000000000\n"
            + "jmeter,application=shop,transaction=Login,responseCode=500,responseMessage=Internal\\ Server\\ Error count=1 1764669600000000000\n"
            + "jmeter,application=shop,transaction=internal minAT=0,maxAT=5,meanAT=4,startedT=5,endedT=0 1764669600000000000\n";
    private static final String K6_LINES =
            "http_reqs,method=GET,name=https://shop/cart,status=200,scenario=default,expected_response=true value=1 1764669600000000000\n"
            + "http_req_duration,method=GET,name=https://shop/cart,status=200,scenario=default,expected_response=true value=12.5 1764669600000000000\n"
            + "vus value=5 1764669600000000000\n";

    private static final String GATLING_LOG =
            "RUN\tio.example.HostileSimulation\thostilesimulation\t1764669600000\t \t3.10.5\n"
            + "USER\tVisitors\tSTART\t1764669600010\n"
            + "REQUEST\t\tHome page\t1764669600020\t1764669600052\tOK\t \n"
            + "REQUEST\tCheckout\tPay\t1764669600060\t1764669600141\tKO\tstatus.find.is(200), but actually found 500\n"
            + "USER\tVisitors\tEND\t1764669600150\n";

    private String jwt;
    private String run;
    private String runToCommit;
    /** The run a launch's agents register into: the first valid request creates it, the rest join it. */
    private final String launchRun = java.util.UUID.randomUUID().toString();

    @BeforeAll
    void runsToAimAt() {
        jwt = HostileTokens.loginJwt(ConsumerTestSetup.SECRET, "alice", "USER");
        run = register("{}");
        runToCommit = register("{}");
    }

    /** Each route of the service with a valid request; the corpus makes one part of it hostile at a time. */
    private List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/healthcheck", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/health/{selector}", ANONYMOUS, MAX_BODY).path("selector", "liveness"),
                Route.of("GET", "/prometheus", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/token_info", JWT, MAX_BODY),
                Route.of("POST", "/token_info", JWT, MAX_BODY).body(obj("token", "x")),
                Route.of("GET", "/ping", ANONYMOUS, MAX_BODY),
                Route.of("GET", "/query", ANONYMOUS, MAX_BODY).query("q", "SHOW%20DATABASES"),
                Route.of("POST", "/query", ANONYMOUS, MAX_BODY).query("q", "CREATE%20DATABASE%20%22k6%22").body(""),
                Route.of("GET", "/events/isrunning", INGEST_TOKEN, MAX_BODY),
                Route.of("GET", "/apiv0.1/events/isrunning", INGEST_TOKEN, MAX_BODY),
                Route.of("POST", "/apiv0.1/events/register", INGEST_TOKEN, MAX_BODY).body(obj(
                        "startedAt", "2026-11-23T10:00:00Z", "host", "loadgen-1", "name", "checkout", "uuid", launchRun,
                        "measurement", obj("fields", obj("clients", 50, "hatchRate", 5, "requests", 0),
                                "tags", obj("testName", "checkout", "targetHost", "shop", "build", 42)),
                        "thresholds", arr("p95 < 300ms", "errors < 1%", "GET /cart: p99 < 500ms"))),
                // No seq: with one, every post after the first would be a duplicate and go no further than the window.
                Route.of("POST", "/apiv0.1/events/{uuid}/stats", INGEST_TOKEN, MAX_BODY).path("uuid", run).body(obj(
                        "source", "worker-1", "timestamp", "2026-11-23T10:00:05Z", "users", 50,
                        "endpoints", arr(obj("method", "GET", "name", "/cart", "requests", 10, "failures", 1,
                                "responseTimes", obj("12", 6, "40.5", 4), "errors", obj("500 Internal Server Error", 1)),
                                obj("method", "POST", "name", "/pay", "requests", 2, "failures", 0,
                                        "responseTimes", arr(12.5, 80))))),
                Route.of("POST", "/write", INGEST_TOKEN, MAX_BODY).query("db", "jmeter").query("precision", "ns")
                        .query("rp", "autogen").query("u", "user").body(JMETER_LINES),
                Route.of("POST", "/api/v2/write", INGEST_TOKEN, MAX_BODY).query("org", "loadstack").query("bucket", "k6")
                        .query("precision", "ns").body(K6_LINES),
                // A Gatling text log (3.0-3.12): the first valid import makes the run, the next ones are 409.
                Route.of("POST", "/apiv0.1/imports/gatling", INGEST_TOKEN, MAX_BODY).body(GATLING_LOG),
                Route.of("WEBSOCKET", "/ws/runs/{uuid}", JWT_QUERY, MAX_BODY).path("uuid", run).query("token", jwt),
                // Last: it ends the run it names.
                Route.of("POST", "/apiv0.1/events/commit", INGEST_TOKEN, MAX_BODY).body(obj(
                        "startedAt", "2026-11-23T10:10:00Z", "uuid", runToCommit, "host", "loadgen-1",
                        "measurement", obj("fields", obj("requestStats", obj("GET /cart", obj("num_requests", 240))),
                                "tags", obj("hostname", "loadgen-1", "mode", "single")))));
    }

    @Test
    void everyRouteHasAHostileCorpus() {
        String gaps = HostileRun.coverageGaps(RouterRoutes.of(server.getApplicationContext()), routes());
        assertTrue(gaps.isEmpty(), gaps);
    }

    @Test
    void hostileRequestsNeverGetA5xxAndAlwaysAJsonError() {
        HostileTokens tokens = HostileTokens.of(ConsumerTestSetup.SECRET, "alice", jwt, token);
        HostileCorpus corpus = HostileCorpus.seeded(tokens, 300);
        HostileRun result = HostileRun.against(base).sendCorpus(corpus, routes());
        System.out.println("hostile input: " + result.sent() + " requests to the consumer-service, " + result.failures().size() + " failures");
        assertAll(
                () -> assertTrue(result.failures().isEmpty(), result.table(corpus.seed())),
                () -> assertEquals(200, HttpCall.get(base + "/api/healthcheck").send().status(), "still healthy after the corpus"),
                () -> assertNotNull(database.row("SELECT uuid FROM runs WHERE uuid = ?", register("{}")),
                        "a run registered after the corpus is in MySQL: no hostile request may stop the writer"));
    }
}
