package io.loadstack.api.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Channels as the API shows them: never with their secret, and a Slack URL cut (Channel#shownUrl). */
public final class ChannelViews {

    private ChannelViews() {
    }

    @Serdeable
    public record Shown(long id, String name, String type, String url, boolean signed, List<String> events,
                        @Nullable List<String> tests, Instant createdAt, String createdBy, Instant updatedAt) {

        static Shown of(Channel channel) {
            return new Shown(channel.id(), channel.name(), channel.type().wireName(), channel.shownUrl(),
                    channel.secret() != null, channel.events().stream().sorted().map(EventType::wireName).toList(),
                    channel.tests(), channel.createdAt(), channel.createdBy(), channel.updatedAt());
        }
    }

    /** The answer to a POST: the channel and, when Loadstack made the webhook's secret, that secret, this once. */
    @Serdeable
    public record Created(long id, String name, String type, String url, boolean signed, List<String> events,
                          @Nullable List<String> tests, Instant createdAt, String createdBy, Instant updatedAt,
                          @Nullable String secret) {

        static Created of(Channel channel, @Nullable String generatedSecret) {
            Shown shown = Shown.of(channel);
            return new Created(shown.id(), shown.name(), shown.type(), shown.url(), shown.signed(), shown.events(),
                    shown.tests(), shown.createdAt(), shown.createdBy(), shown.updatedAt(), generatedSecret);
        }
    }

    @Serdeable
    public record Pinged(String delivery) {
    }
}
