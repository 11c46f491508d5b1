package io.loadstack.api.launches;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * Where the consumer-service is, for committing a launch's run ({@code LOADSTACK_CONSUMER_URL}).
 *
 * @param url its base URL inside the stack's network
 */
@ConfigurationProperties("loadstack.consumer")
public record ConsumerSettings(@Bindable(defaultValue = "http://consumer:8080") URI url) {
}
