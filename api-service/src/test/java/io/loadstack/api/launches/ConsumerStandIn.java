package io.loadstack.api.launches;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP endpoint standing where the consumer-service's commit is: it records every commit it gets
 * (the Authorization header and the body) and answers as the consumer does to a first commit.
 */
final class ConsumerStandIn implements AutoCloseable {

    record Commit(String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Commit> commits = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    ConsumerStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/apiv0.1/events/commit", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            commits.add(new Commit(exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What it answers from now on (a consumer that is down answers 503 through nginx). */
    void answer(int status) {
        this.status = status;
    }

    List<Commit> commitsOf(String runUuid) {
        return commits.stream().filter(c -> c.body().contains(runUuid)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
