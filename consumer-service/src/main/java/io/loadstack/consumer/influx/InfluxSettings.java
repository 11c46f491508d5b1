package io.loadstack.consumer.influx;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long counts of line-protocol points no mapping took are kept ({@code LOADSTACK_INFLUX_UNMAPPED_RETENTION}),
 * for the page that tells a user why their points do not show.
 */
@ConfigurationProperties("loadstack.influx")
public record InfluxSettings(@Bindable(defaultValue = "24h") Duration unmappedRetention) {
}
