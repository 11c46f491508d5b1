package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A load generator speaking the consumer's JSON ingestion API (register, stats, commit), as the Locust
 * plugin does, plus the admin's read of a run's records to know when the writer has written them.
 *
 * <p>Each stats post has the same shape, so the run's numbers are known in advance: two thirds of the
 * requests are {@code GET /cart} at 40 ms; one third are {@code POST /checkout}, 60 % at 60 ms, 37 % at
 * {@code p95} and 3 % at twice that. Over both endpoints the 95th percentile is {@code p95}, and so is the
 * checkout's, while the cart's is 40 ms. Failures are checkout answers "503 Service Unavailable".
 */
final class IngestionClient {

    private final String consumerUrl;
    private final String token;
    private final String apiUrl;
    private final String adminJwt;

    IngestionClient(String consumerUrl, String token, String apiUrl, String adminJwt) {
        this.consumerUrl = consumerUrl;
        this.token = token;
        this.apiUrl = apiUrl;
        this.adminJwt = adminJwt;
    }

    /** @return the new run's uuid; it is RUNNING from now on */
    String register(String name, Map<String, String> tags) {
        return register(name, tags, List.of());
    }

    /** A run with its own pass/fail thresholds; @return its uuid */
    String register(String name, Map<String, String> tags, List<String> thresholds) {
        String body = HttpCall.json(Map.of("startedAt", Instant.now().toString(), "host", "loadgen-1", "name", name,
                "measurement", Map.of("fields", Map.of("clients", 50, "hatchRate", 5), "tags", tags),
                "thresholds", thresholds));
        HttpCall.Response response = HttpCall.post(consumerUrl + "/apiv0.1/events/register", body)
                .header("Authorization", "Token " + token).send();
        expect(201, response, "register");
        return (String) response.json().get("uuid");
    }

    /** One load generator's report: {@code requests} (a multiple of 300) since its previous one. */
    void stats(String uuid, long seq, int users, long requests, long failures, int p95) {
        if (requests % 300 != 0 || failures > requests / 3) {
            throw new IllegalArgumentException("requests must be a multiple of 300 and failures at most the checkout's third");
        }
        long cart = requests * 2 / 3;
        long checkout = requests - cart;
        Map<String, Long> cartTimes = Map.of("40", cart);
        Map<String, Long> checkoutTimes = new LinkedHashMap<>();
        checkoutTimes.put("60", checkout * 60 / 100);
        checkoutTimes.put(Integer.toString(p95), checkout * 37 / 100);
        checkoutTimes.put(Integer.toString(p95 * 2), checkout * 3 / 100);
        Map<String, Object> cartEndpoint = Map.of("method", "GET", "name", "/cart", "requests", cart, "failures", 0,
                "responseTimes", cartTimes);
        Map<String, Object> checkoutEndpoint = new LinkedHashMap<>(Map.of("method", "POST", "name", "/checkout",
                "requests", checkout, "failures", failures, "responseTimes", checkoutTimes));
        if (failures > 0) {
            checkoutEndpoint.put("errors", Map.of("503 Service Unavailable", failures));
        }
        String body = HttpCall.json(Map.of("source", "loadgen-1", "seq", seq, "timestamp", Instant.now().toString(),
                "users", users, "endpoints", List.of(cartEndpoint, checkoutEndpoint)));
        expect(202, HttpCall.post(consumerUrl + "/apiv0.1/events/" + uuid + "/stats", body)
                .header("Authorization", "Token " + token).send(), "stats");
    }

    void commit(String uuid) {
        String body = HttpCall.json(Map.of("startedAt", Instant.now().toString(), "uuid", uuid, "host", "loadgen-1",
                "measurement", Map.of("fields", Map.of("requestStats", Map.of()), "tags", Map.of("hostname", "loadgen-1"))));
        expect(200, HttpCall.post(consumerUrl + "/apiv0.1/events/commit", body)
                .header("Authorization", "Token " + token).send(), "commit");
    }

    /** The run as the api-service answers it (what the page will show). */
    Map<String, Object> run(String uuid) {
        HttpCall.Response response = HttpCall.get(apiUrl + "/api/runs/" + uuid).bearer(adminJwt).send();
        expect(200, response, "run");
        return response.json();
    }

    List<Map<String, Object>> series(String uuid) {
        HttpCall.Response response = HttpCall.get(apiUrl + "/api/runs/" + uuid + "/series").bearer(adminJwt).send();
        expect(200, response, "series");
        return response.jsonList();
    }

    /** Waits until the writer has stored the run with at least {@code requests} requests. */
    void awaitStored(String uuid, long requests) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object stored = run(uuid).get("requests");
            if (stored instanceof Number n && n.longValue() >= requests) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the writer did not store " + requests + " requests of run " + uuid + ": " + run(uuid));
    }

    private static void expect(int status, HttpCall.Response response, String what) {
        if (response.status() != status) {
            throw new AssertionError(what + " answered " + response);
        }
    }
}
