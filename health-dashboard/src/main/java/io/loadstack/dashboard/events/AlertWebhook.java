package io.loadstack.dashboard.events;

import io.loadstack.dashboard.config.DashboardSettings;
import io.loadstack.dashboard.history.HealthEvent;
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
 * Posts each event to {@code LOADSTACK_ALERT_WEBHOOK} as Slack's incoming-webhook JSON {@code {"text": ...}},
 * which Mattermost, Rocket.Chat, Teams connectors and most chat tools accept too. Fire and forget: a slow
 * or broken chat server must never hold up the polling.
 */
@Singleton
public class AlertWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);

    private final URI url;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AlertWebhook(DashboardSettings settings, JsonMapper json) {
        this.url = settings.hasWebhook() ? URI.create(settings.alertWebhook().trim()) : null;
        this.json = json;
    }

    public void send(HealthEvent event) {
        if (url == null) {
            return;
        }
        String icon = switch (event.kind()) {
            case HealthEvent.DOWN -> ":red_circle:";
            case HealthEvent.UP -> ":large_green_circle:";
            default -> ":arrows_counterclockwise:";
        };
        String text = icon + " Loadstack: " + event.message() + " (" + event.occurredAt() + ")";
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("text", text));
        } catch (IOException e) {
            LOG.warn("cannot encode the alert: {}", e.toString());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warn("alert webhook failed: {}", failure.toString());
            } else if (response.statusCode() >= 300) {
                LOG.warn("alert webhook answered HTTP {}", response.statusCode());
            }
        });
    }
}
