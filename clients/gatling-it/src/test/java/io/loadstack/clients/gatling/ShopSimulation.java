package io.loadstack.clients.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A small shop visit against the test's target (system property {@code target}): the cart fails now and then
 * on purpose (the target answers 500), the search is slow and uneven. Run by Gatling itself, in its own JVM.
 */
public class ShopSimulation extends Simulation {

    private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("target"));

    private final ScenarioBuilder visitors = scenario("Shop visitors")
            .repeat(25).on(
                    http("Home page").get("/home").check(status().is(200)),
                    http("Add to cart").post("/cart").check(status().is(200)),
                    http("Search products").get("/search?q=shoes").check(status().is(200)));

    {
        setUp(visitors.injectOpen(rampUsers(12).during(5))).protocols(protocol);
    }
}
