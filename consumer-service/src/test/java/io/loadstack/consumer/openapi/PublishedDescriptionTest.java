package io.loadstack.consumer.openapi;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.openapi.DescribesEveryRoute;
import io.loadstack.testsupport.openapi.PublishedDescription;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer-service's published OpenAPI description cannot drift from the code: every route is in it, and a
 * real answer of each route matches what it describes.
 */
class PublishedDescriptionTest extends ConsumerServerTest implements DescribesEveryRoute {

    /**
     * The management endpoints nginx does not route, Micronaut Security's own token introspection, and the live
     * view's websocket, which OpenAPI cannot describe (the README says how to watch a run live). The healthcheck,
     * the same on every service, is described with the sign-in routes it shares a module with: in the
     * api-service's and the health dashboard's descriptions.
     */
    private static final Set<String> LEFT_OUT = Set.of("GET /health", "GET /health/{selector}", "GET /prometheus",
            "GET /token_info", "POST /token_info", "GET /ws/runs/{uuid}", "GET /api/healthcheck");

    private PublishedDescription description;

    @BeforeAll
    void readTheDescriptionAsPublished() {
        assertEquals(401, HttpCall.get(url("/openapi/consumer-service.yml")).send().status(), "not for anyone");
        HttpCall.Response published = HttpCall.get(url("/openapi/consumer-service.yml"))
                .header("Authorization", "Token " + token).send();
        assertEquals(200, published.status(), published.toString());
        assertTrue(published.body().contains("ingestToken:"), "the ingest token's scheme is described");
        description = PublishedDescription.of(published.body());
    }

    @Override
    public PublishedDescription description() {
        return description;
    }

    @Override
    public ApplicationContext routedContext() {
        return server.getApplicationContext();
    }

    @Override
    public Set<String> undescribedOnPurpose() {
        return LEFT_OUT;
    }

    @Test
    void realAnswersMatchTheDescription() {
        String uuid = ConsumerTestSetup.register(base, token, "{\"targetHost\": \"http://shop\"}");
        check("POST", "/apiv0.1/events/" + uuid + "/stats", ConsumerTestSetup.stats(base, token, uuid,
                "{\"source\": \"g1\", \"seq\": 1, \"timestamp\": \"2026-11-23T10:00:15Z\", \"users\": 5, \"endpoints\":"
                        + " [{\"method\": \"GET\", \"name\": \"/cart\", \"requests\": 3, \"failures\": 1,"
                        + " \"responseTimes\": {\"12\": 2, \"40\": 1}}]}"), 202);
        check("GET", "/events/isrunning", HttpCall.get(url("/events/isrunning")).header("Authorization", "Token " + token).send(), 200);
        check("GET", "/apiv0.1/events/isrunning", HttpCall.get(url("/apiv0.1/events/isrunning")).header("Authorization", "Token " + token).send(), 200);
        check("POST", "/apiv0.1/events/commit", ConsumerTestSetup.commit(base, token, uuid), 200);
        check("POST", "/apiv0.1/events/register", HttpCall.post(url("/apiv0.1/events/register"),
                "{\"startedAt\": \"2026-11-23T10:00:00Z\", \"host\": \"loadgen-2\", \"measurement\": {\"fields\": {}, \"tags\": {}}}")
                .header("Authorization", "Token " + token).send(), 201);
        check("POST", "/query", HttpCall.method("POST", url("/query?q=CREATE%20DATABASE%20k6"), new byte[0]).send(), 200);
        check("GET", "/query", HttpCall.get(url("/query?q=SHOW%20DATABASES")).send(), 200);
        check("GET", "/ping", HttpCall.get(url("/ping")).send(), 204);
        byte[] line = ("http_reqs,name=http://shop/cart,method=GET,status=200,testid=described value=1 "
                + System.currentTimeMillis() * 1_000_000L).getBytes(StandardCharsets.UTF_8);
        check("POST", "/write", HttpCall.method("POST", url("/write?db=k6"), line).header("Authorization", "Token " + token).send(), 204);
        check("POST", "/api/v2/write", HttpCall.method("POST", url("/api/v2/write?bucket=k6&precision=ns"), line)
                .header("Authorization", "Token " + token).send(), 204);

        assertTrue(description.failures().isEmpty(), description.checked() + " answers checked; these do not match the"
                + " published description:\n" + description.failures());
    }

    private void check(String method, String path, HttpCall.Response response, int expected) {
        assertEquals(expected, response.status(), method + " " + path + ": " + response);
        description.check(method, path, response);
    }
}
