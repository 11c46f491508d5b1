package io.loadstack.launch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system under load: {@code /ok} answers 200 after a few milliseconds that vary from request to request
 * (so that percentiles mean something), {@code /fail} answers 500. It counts what it received, so a test
 * can see the load stop.
 */
final class StaticTarget implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicLong received = new AtomicLong();
    private volatile long lastRequestNanos;

    private StaticTarget(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static StaticTarget start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        ExecutorService threads = Executors.newFixedThreadPool(64);
        StaticTarget target = new StaticTarget(server, threads);
        server.createContext("/ok", exchange -> target.answer(exchange, 200));
        server.createContext("/fail", exchange -> target.answer(exchange, 500));
        server.setExecutor(threads);
        server.start();
        return target;
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        long count = received.incrementAndGet();
        lastRequestNanos = System.nanoTime();
        try {
            // 1 to 12 ms, cycling: a spread of response times without randomness.
            Thread.sleep(1 + count % 12);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = (status == 200 ? "ok" : "failed on purpose").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long received() {
        return received.get();
    }

    /** Nanoseconds (System.nanoTime) of the last request received; 0 before any. */
    long lastRequestNanos() {
        return lastRequestNanos;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
