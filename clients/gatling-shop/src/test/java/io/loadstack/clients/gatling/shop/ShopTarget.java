package io.loadstack.clients.gatling.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The shop {@link ShopSimulation} visits: home fast, one cart in six answered 500, search slow and uneven. */
public final class ShopTarget {

    private ShopTarget() {
    }

    /** @return the running server on a free port of 127.0.0.1; the caller stops it */
    public static HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(24));
        AtomicInteger carts = new AtomicInteger();
        AtomicInteger searches = new AtomicInteger();
        server.createContext("/home", exchange -> answer(exchange, 200, 5));
        server.createContext("/cart", exchange -> answer(exchange, carts.incrementAndGet() % 6 == 0 ? 500 : 200, 15));
        server.createContext("/search", exchange -> answer(exchange, 200, 20 + (searches.incrementAndGet() * 37) % 180));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, long sleepMs) throws IOException {
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.getRequestBody().readAllBytes();
        byte[] body = "ok".getBytes();
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
