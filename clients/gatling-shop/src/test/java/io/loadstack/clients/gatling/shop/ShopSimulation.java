package io.loadstack.clients.gatling.shop;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A small shop visit against the test's target (system property {@code target}): the cart fails now and then
 * on purpose (the target answers 500), the search is slow and uneven. Every response time Gatling measures is
 * also written, per request name, to the file named by {@code responseTimes}: the test's exact reference.
 */
public class ShopSimulation extends Simulation {

    private static final Map<String, Queue<Long>> TIMES = new ConcurrentHashMap<>();

    private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("target"));

    private static ChainBuilder measured(String name, HttpRequestActionBuilder request) {
        // the response time is saved before the status is checked: a failed request keeps its time too
        return exec(request.check(responseTimeInMillis().saveAs("rt"), status().is(200)))
                .exec(session -> {
                    TIMES.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(session.getLong("rt"));
                    return session.remove("rt");
                });
    }

    private final ScenarioBuilder visitors = scenario("Shop visitors")
            .repeat(25).on(
                    measured("Home page", http("Home page").get("/home")),
                    measured("Add to cart", http("Add to cart").post("/cart")),
                    measured("Search products", http("Search products").get("/search?q=shoes")));

    {
        setUp(visitors.injectOpen(rampUsers(12).during(5))).protocols(protocol);
    }

    @Override
    public void after() {
        StringBuilder lines = new StringBuilder();
        TIMES.forEach((name, times) -> lines.append(name).append('\t')
                .append(times.stream().map(String::valueOf).collect(Collectors.joining(","))).append('\n'));
        try {
            Files.writeString(Path.of(System.getProperty("responseTimes")), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
