package io.loadstack.api.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * Where users reach the dashboard ({@code LOADSTACK_PUBLIC_URL}), for the links in notifications: the
 * api-service cannot know the address nginx is reached at from outside.
 */
@ConfigurationProperties("loadstack.public")
public record PublicUrlSettings(@Bindable(defaultValue = "https://localhost:8080") URI url) {

    /** The absolute link to a dashboard page ({@code #/runs/…}). */
    String link(String page) {
        String base = url.toString();
        return (base.endsWith("/") ? base : base + "/") + page;
    }
}
