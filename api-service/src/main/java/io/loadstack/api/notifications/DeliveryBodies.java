package io.loadstack.api.notifications;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body a channel is sent for an event, made once when the event is published: every attempt posts (and
 * signs) the same bytes, so a receiver can tell a retry by its delivery id.
 */
@Singleton
class DeliveryBodies {

    private final JsonMapper json;
    private final PublicUrlSettings publicUrl;

    DeliveryBodies(JsonMapper json, PublicUrlSettings publicUrl) {
        this.json = json;
        this.publicUrl = publicUrl;
    }

    String body(ChannelType type, String deliveryUuid, NotificationEvent event) {
        String link = publicUrl.link(event.page());
        if (type == ChannelType.SLACK) {
            return write(Map.of("text", NotificationText.slack(event, link)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deliveryUuid);
        body.put("event", event.type().wireName());
        body.put("at", event.at().toString());
        body.put("test", event.test());
        body.put("runUuid", event.runUuid());
        body.put("link", link);
        body.put("summary", NotificationText.summary(event));
        body.put("data", asMap(event));
        return write(body);
    }

    private Map<String, Object> asMap(NotificationEvent event) {
        try {
            return json.readValue(json.writeValueAsString(event), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
