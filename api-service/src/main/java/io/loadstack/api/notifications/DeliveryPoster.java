package io.loadstack.api.notifications;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts one delivery to its channel with the JDK HttpClient. Redirects are not followed: a receiver that
 * moved must be configured where it is now, not found by the server wherever a 3xx points.
 */
@Singleton
class DeliveryPoster {

    static final String EVENT_HEADER = "X-Loadstack-Event";
    static final String DELIVERY_HEADER = "X-Loadstack-Delivery";
    private static final int ANSWER_SHOWN = 200;

    /** What an attempt came to: an HTTP status (null when none came back) and, unless 2xx, why. */
    record Outcome(Integer statusCode, String error, boolean retryable) {
        boolean delivered() {
            return error == null;
        }
    }

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "notification-post");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client;
    private final Duration timeout;

    DeliveryPoster(NotificationSettings settings) {
        this.timeout = settings.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor).build();
    }

    CompletableFuture<Outcome> post(Channel channel, DeliveryStore.Claimed delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(channel.url()).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Loadstack-Notifications")
                    .header(EVENT_HEADER, delivery.event())
                    .header(DELIVERY_HEADER, delivery.uuid())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (channel.type() == ChannelType.WEBHOOK && channel.secret() != null) {
                request.header(WebhookSignature.HEADER, WebhookSignature.of(channel.secret(), body));
            }
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    // The request timeout ends at the answer's headers; this one bounds a body that trickles.
                    .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                    .thenApply(DeliveryPoster::judge)
                    .exceptionally(DeliveryPoster::failed);
        } catch (IllegalArgumentException e) {
            // A URL the client does not take (java.net.URI is more lenient); nothing a retry would change.
            return CompletableFuture.completedFuture(new Outcome(null, "refused by the HTTP client: " + e.getMessage(), false));
        }
    }

    /**
     * 2xx is delivered. 5xx, 408 and 429 may pass later; any other answer (a 404 for a removed Slack webhook,
     * a 400 for a body the receiver does not take, a redirect) will not, and is given up on at once.
     */
    private static Outcome judge(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Outcome(status, null, false);
        }
        String answer = response.body() == null ? "" : response.body().strip();
        if (answer.length() > ANSWER_SHOWN) {
            answer = answer.substring(0, ANSWER_SHOWN) + "…";
        }
        String error = "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer);
        if (status >= 300 && status < 400) {
            error += response.headers().firstValue("Location").map(l -> " (redirects to " + l + "; configure that URL)").orElse("");
        }
        return new Outcome(status, error, status >= 500 || status == 408 || status == 429);
    }

    private static Outcome failed(Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        String why;
        if (cause instanceof HttpConnectTimeoutException) {
            why = "could not connect within the timeout";
        } else if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            why = "no answer within the timeout";
        } else {
            why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return new Outcome(null, why, true);
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
