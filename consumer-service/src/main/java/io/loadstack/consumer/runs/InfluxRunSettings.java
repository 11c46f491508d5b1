package io.loadstack.consumer.runs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code LOADSTACK_INFLUX_IDLE_TIMEOUT}: a k6 run with no write for this long is COMPLETED (k6 sends no end mark). */
@ConfigurationProperties("loadstack.influx")
public record InfluxRunSettings(@Bindable(defaultValue = "60s") Duration idleTimeout) {
}
