package io.loadstack.consumer.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long a token check is trusted ({@code LOADSTACK_INGEST_TOKEN_CACHE}): a load generator posts many
 * times a second, and a revoked token must stop working within this long.
 */
@ConfigurationProperties("loadstack")
public record IngestTokenSettings(@Bindable(defaultValue = "5s") Duration ingestTokenCache) {
}
