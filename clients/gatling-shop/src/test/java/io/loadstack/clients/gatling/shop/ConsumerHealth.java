package io.loadstack.clients.gatling.shop;

import io.loadstack.testsupport.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits for the packaged consumer's healthcheck. test-support's own wait reads Micronaut's JSON, which is not on
 * the Gatling modules' classpaths (see their poms): a 200 is enough here.
 */
public final class ConsumerHealth {

    private ConsumerHealth() {
    }

    /** @return whether the service answered 200 within two minutes while alive */
    public static boolean await(ServiceProcess service) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/healthcheck")).timeout(Duration.ofSeconds(3)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && service.isAlive()) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }
}
