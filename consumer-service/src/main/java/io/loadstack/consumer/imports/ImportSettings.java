package io.loadstack.consumer.imports;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Bounds of a Gatling import ({@code LOADSTACK_IMPORT_*}). The upload itself is bounded by the server's
 * request size (10 MB, {@code MICRONAUT_SERVER_MAX_REQUEST_SIZE}); these bound what a zip may inflate to.
 *
 * @param maxLogBytes  a simulation.log larger than this (inflated) is refused, 413
 * @param maxZipEntries a zip with more entries than this before its simulation.log is refused, 413
 */
@ConfigurationProperties("loadstack.import")
public record ImportSettings(@Bindable(defaultValue = "536870912") long maxLogBytes,
                             @Bindable(defaultValue = "10000") int maxZipEntries) {
}
