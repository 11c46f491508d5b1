package io.loadstack.testsupport;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Raw HTTP for tests: exact bytes and headers out, status, headers and body back, no client-side
 * opinions (a 4xx is an answer to look at, not an exception).
 */
public final class HttpCall {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpRequest.Builder builder;

    private HttpCall(String method, String url, HttpRequest.BodyPublisher body) {
        this.builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).method(method, body);
    }

    public static HttpCall get(String url) {
        return new HttpCall("GET", url, HttpRequest.BodyPublishers.noBody());
    }

    public static HttpCall delete(String url) {
        return new HttpCall("DELETE", url, HttpRequest.BodyPublishers.noBody());
    }

    public static HttpCall post(String url, String json) {
        return new HttpCall("POST", url, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
    }

    public static HttpCall put(String url, String json) {
        return new HttpCall("PUT", url, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
    }

    public static HttpCall method(String method, String url, byte[] body) {
        return new HttpCall(method, url, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    public HttpCall header(String name, String value) {
        builder.header(name, value);
        return this;
    }

    public HttpCall bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public Response send() {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Encodes a value as JSON, for request bodies built from maps. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, String body, Map<String, List<String>> headers) {

        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        public List<Map<String, Object>> jsonList() {
            try {
                return JSON.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
            } catch (IOException e) {
                throw new AssertionError("not a JSON array (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
