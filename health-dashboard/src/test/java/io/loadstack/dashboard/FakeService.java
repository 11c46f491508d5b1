package io.loadstack.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that answers {@code /api/healthcheck} like a Loadstack service (and, when asked,
 * Monit's {@code /_status?format=xml}), for tests of the dashboard's own logic: the test sets its uptime,
 * makes it slow, stops it and starts it again on the same port. It also records POSTs (a webhook receiver).
 */
public final class FakeService implements AutoCloseable {

    private final int port;
    private HttpServer server;
    private volatile double uptime = 100;
    private volatile long delayMillis;
    private volatile int monitPid = 4242;
    private volatile String monitCredentials;
    private final List<String> posts = new CopyOnWriteArrayList<>();

    public FakeService() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public FakeService uptime(double seconds) {
        this.uptime = seconds;
        return this;
    }

    public FakeService delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Serves Monit's XML status at /_status, behind basic auth with these credentials. */
    public FakeService monit(String username, String password, int pid) {
        this.monitCredentials = username + ":" + password;
        this.monitPid = pid;
        return this;
    }

    public List<String> posts() {
        return posts;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/healthcheck", this::healthcheck);
        server.createContext("/_status", this::monitStatus);
        server.createContext("/hook", this::hook);
        server.start();
    }

    /** Like a killed process: the port refuses connections. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void healthcheck(HttpExchange exchange) throws IOException {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body = "{\"status\":\"UP\",\"service\":\"fake\",\"instance\":\"fake-" + port + "\","
                + "\"cpu\":{\"process\":0.25,\"system\":0.5},\"memory\":{\"used\":1000000,\"max\":4000000,\"rss\":52428800},"
                + "\"uptime\":" + uptime + ",\"database\":\"UP\"}";
        send(exchange, 200, "application/json", body);
    }

    private void monitStatus(HttpExchange exchange) throws IOException {
        String expected = monitCredentials == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(monitCredentials.getBytes(StandardCharsets.UTF_8));
        if (expected == null || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "text/plain", "You are not authorized to access monit.");
            return;
        }
        // The shape of Monit 5.33's answer, trimmed to what matters here.
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><monit><server><id>x</id><version>5.33.0</version>"
                + "<uptime>500</uptime><poll>1</poll><localhostname>fake</localhostname></server>"
                + "<service type=\"3\"><name>api-service</name><collected_sec>1</collected_sec><status>0</status>"
                + "<status_hint>0</status_hint><monitor>1</monitor><monitormode>0</monitormode><pendingaction>0</pendingaction>"
                + "<pid>" + monitPid + "</pid><ppid>1</ppid><uptime>90</uptime><children>0</children>"
                + "<memory><percent>1.0</percent><percenttotal>1.0</percenttotal><kilobyte>51200</kilobyte></memory>"
                + "<cpu><percent>1.0</percent><percenttotal>1.0</percenttotal></cpu></service>"
                + "<service type=\"5\"><name>system</name><status>0</status><monitor>1</monitor></service></monit>";
        send(exchange, 200, "text/xml", xml);
    }

    private void hook(HttpExchange exchange) throws IOException {
        posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        send(exchange, 200, "text/plain", "ok");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
