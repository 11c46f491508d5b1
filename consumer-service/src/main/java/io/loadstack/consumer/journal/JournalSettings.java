package io.loadstack.consumer.journal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where acknowledged, not yet written data is kept ({@code LOADSTACK_JOURNAL_DIR}), how large a segment
 * file grows before the next one starts, and how much unwritten data may pile up while MySQL is away
 * before ingestion answers 503 instead of filling the disk.
 */
@ConfigurationProperties("loadstack.journal")
public record JournalSettings(@Bindable(defaultValue = "data/journal") String dir,
                              @Bindable(defaultValue = "67108864") long segmentBytes,
                              @Bindable(defaultValue = "2147483648") long maxBytes,
                              @Bindable(defaultValue = "true") boolean fsync) {
}
