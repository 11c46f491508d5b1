package io.loadstack.api.notifications;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A configured receiver of notifications.
 *
 * @param secret the webhook's signing key; null for Slack, whose URL is its secret
 * @param tests  the tests whose events it wants; null for every test
 */
record Channel(long id, String name, ChannelType type, URI url, @Nullable String secret, Set<EventType> events,
               @Nullable List<String> tests, Instant createdAt, String createdBy, Instant updatedAt) {

    /**
     * Whether the channel wants the event: subscribed to its type and, when it names tests, about one of them.
     * An event without a test reaches only the channels that want every test.
     */
    boolean wants(NotificationEvent event) {
        if (!events.contains(event.type())) {
            return false;
        }
        return tests == null || (event.test() != null && tests.contains(event.test()));
    }

    /**
     * The URL as shown after creation. A Slack webhook's path is its credential, so only the part that says
     * which workspace it is stays; a webhook's query string may hold a token too and is hidden the same way.
     */
    String shownUrl() {
        // Host and port only: user info in the authority is a credential.
        String base = url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (type == ChannelType.SLACK) {
            String[] parts = path.split("/");
            // "", "services", "T…", "B…", "secret": keep /services/T…
            StringBuilder kept = new StringBuilder();
            for (int i = 1; i < Math.min(parts.length, 3); i++) {
                kept.append('/').append(parts[i]);
            }
            return base + kept + "/…";
        }
        return base + path + (url.getRawQuery() == null ? "" : "?…");
    }
}
