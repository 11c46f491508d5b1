package io.loadstack.agent.generator.jmeter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The share's side of the launch's run at the consumer: it joins the run (register with the launch's
 * uuid: the first agent creates it, the others join) and posts each window's deltas as this agent's
 * {@code source}. A post that fails is kept and sent again, with its seq, before the next one: the
 * consumer acknowledges a repeated (source, seq) without counting it twice. It never commits: the launch does.
 */
final class RunPoster {

    /** The consumer takes at most 1,000 endpoints per post. */
    static final int MAX_ENDPOINTS_PER_POST = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER_CHARS = 300;

    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final DriverConfig config;
    private final Deque<String> unsent = new ArrayDeque<>();
    private String uuid;
    private long seq;

    RunPoster(HttpClient client, DriverConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * Joins the launch's run, retrying a failed connection a few times.
     *
     * @throws RunPostException when the consumer refuses (a revoked token, a finished run) or cannot be reached
     */
    void register() throws InterruptedException {
        Map<String, Object> tags = new LinkedHashMap<>(config.tags());
        tags.put("generator", "jmeter");
        tags.put("agent", config.agentName());
        tags.put("region", config.region());
        if (config.targetHost() != null) {
            tags.put("targetHost", config.targetHost());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", config.runUuid());
        body.put("name", config.runName());
        body.put("host", config.agentName());
        body.put("measurement", Map.of("tags", tags));
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<String> answer = send("/apiv0.1/events/register", json.writeValueAsString(body));
                if (answer.statusCode() / 100 != 2) {
                    throw new RunPostException("the consumer refused to register the run: HTTP " + answer.statusCode()
                            + " " + shorten(answer.body()));
                }
                JsonNode registered = json.readTree(answer.body());
                uuid = registered.path("uuid").asText(config.runUuid());
                return;
            } catch (IOException e) {
                lastFailure = e;
                Thread.sleep(1000L * attempt);
            }
        }
        throw new RunPostException("cannot reach the consumer at " + config.consumerUrl() + ": " + lastFailure);
    }

    /** The uuid the consumer answered with (the launch's, once the consumer joins runs by uuid). */
    String uuid() {
        return uuid;
    }

    /**
     * Queues this window's deltas and sends whatever is queued, in order.
     *
     * @return null when everything queued is sent, else why not (it stays queued)
     */
    String post(List<Map<String, Object>> endpoints, int users) throws InterruptedException {
        for (int from = 0; from < endpoints.size() || from == 0; from += MAX_ENDPOINTS_PER_POST) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("seq", ++seq);
            body.put("source", config.agentName());
            body.put("users", users);
            body.put("endpoints", endpoints.subList(from, Math.min(endpoints.size(), from + MAX_ENDPOINTS_PER_POST)));
            try {
                unsent.addLast(json.writeValueAsString(body));
            } catch (IOException e) {
                throw new IllegalStateException("maps of strings and numbers always serialize", e);
            }
        }
        return sendUnsent();
    }

    private String sendUnsent() throws InterruptedException {
        while (!unsent.isEmpty()) {
            try {
                HttpResponse<String> answer = send("/apiv0.1/events/" + uuid + "/stats", unsent.peekFirst());
                if (answer.statusCode() / 100 != 2) {
                    String why = "HTTP " + answer.statusCode() + " " + shorten(answer.body());
                    if (answer.statusCode() / 100 == 4) {
                        unsent.removeFirst(); // the same body would be refused again
                    }
                    return why;
                }
                unsent.removeFirst();
            } catch (IOException e) {
                return e.toString();
            }
        }
        return null;
    }

    private HttpResponse<String> send(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.consumerUrl() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Token " + config.ingestToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String shorten(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_ANSWER_CHARS ? line : line.substring(0, MAX_ANSWER_CHARS) + "…";
    }

    /** The run cannot be joined; the message is for the launch. */
    static final class RunPostException extends RuntimeException {
        RunPostException(String message) {
            super(message);
        }
    }
}
