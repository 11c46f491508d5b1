package io.loadstack.api.launches;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Commits a launch's run at the consumer-service, with the launch's own ingest token (the run is the
 * launching user's). 200, 409 (already committed) and 404 (no agent ever registered the run) all mean done.
 */
@Singleton
class RunCommits {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommits.class);

    private final HttpClient client;
    private final URI commitUrl;
    private final Duration timeout;
    private final JsonMapper json;

    RunCommits(ConsumerSettings consumer, LaunchSettings settings, JsonMapper json) {
        this.timeout = settings.commitTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.commitUrl = consumer.url().resolve("/apiv0.1/events/commit");
        this.json = json;
    }

    /** Whether the consumer has the run committed (or never had it); false means try again later. */
    boolean commit(long launchId, String runUuid, String ingestToken) {
        try {
            HttpRequest request = HttpRequest.newBuilder(commitUrl).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Token " + ingestToken)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("uuid", runUuid))))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200 || status == 404 || status == 409) {
                LOG.info("launch {}: run {} committed (consumer answered {})", launchId, runUuid, status);
                return true;
            }
            LOG.warn("launch {}: committing run {} at {} got {} {}; retrying at the next tick", launchId, runUuid,
                    commitUrl, status, shorten(response.body()));
            return false;
        } catch (IOException e) {
            LOG.warn("launch {}: committing run {} at {} failed ({}); retrying at the next tick", launchId, runUuid,
                    commitUrl, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String shorten(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
