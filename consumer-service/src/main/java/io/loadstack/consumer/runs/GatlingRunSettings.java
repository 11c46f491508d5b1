package io.loadstack.consumer.runs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code LOADSTACK_GATLING_IDLE_TIMEOUT}: a Gatling run (Graphite) with no line for this long is COMPLETED.
 * Gatling writes every second while it runs, also when no request completed, so a short quiet period is safe.
 */
@ConfigurationProperties("loadstack.gatling")
public record GatlingRunSettings(@Bindable(defaultValue = "30s") Duration idleTimeout) {
}
