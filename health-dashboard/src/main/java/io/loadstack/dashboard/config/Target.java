package io.loadstack.dashboard.config;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;

/** One watched service: its card name, where its healthcheck answers and, if known, its Monit status page. */
public record Target(String name, URI baseUrl, @Nullable URI monitUrl) {

    public URI healthcheckUrl() {
        return baseUrl.resolve("/api/healthcheck");
    }
}
