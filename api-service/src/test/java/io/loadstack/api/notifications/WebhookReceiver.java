package io.loadstack.api.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real HTTP receiver for the tests: it keeps every request and answers each path with the statuses it is
 * told, in order (then 204), optionally holding answers until {@link #release()}.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: lower-case header names. */
    record Received(String path, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, BlockingQueue<Integer>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} are answered with these statuses, in order. */
    WebhookReceiver answer(String path, Integer... statuses) {
        answers.computeIfAbsent(path, p -> new LinkedBlockingQueue<>()).addAll(List.of(statuses));
        return this;
    }

    /** Answers wait until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits for a request matching {@code which}; fails after {@code deadline}. */
    Received await(Predicate<Received> which, Duration deadline, String what) {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            for (Received r : received()) {
                if (which.test(r)) {
                    return r;
                }
            }
            sleep();
        }
        throw new AssertionError("the receiver never got " + what + " within " + deadline + "; it got " + received().stream()
                .map(r -> r.path() + " " + r.text()).toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        synchronized (this) {
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
        }
        try {
            hold.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BlockingQueue<Integer> queued = answers.get(exchange.getRequestURI().getPath());
        Integer status = queued == null ? null : queued.poll();
        int code = status == null ? 204 : status;
        try {
            if (code == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] answer = ("answer " + code).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(code, answer.length);
                exchange.getResponseBody().write(answer);
            }
        } catch (IOException e) {
            // The client gave up waiting (its timeout): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
