package io.loadstack.api.runs.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Optional;

/**
 * Retention of runs (api-service/README.md, "Retention and pins"). The names are not nested under one another
 * ({@code LOADSTACK_RUN_RETENTION}, {@code LOADSTACK_RETENTION_INTERVAL}, {@code LOADSTACK_RETENTION_BATCH_SIZE}):
 * an environment variable that extends another's name would turn that one's value into a map.
 *
 * @param runRetention       finished runs older than this are deleted, but pinned runs and baselines
 *                           ({@link RetentionAge}); unset: every run is kept
 * @param retentionInterval  how often retention runs (first one minute after the start, or sooner for a shorter interval)
 * @param retentionBatchSize how many runs one query picks for deletion; each is then deleted in a transaction of its own
 */
@ConfigurationProperties("loadstack")
public record RetentionSettings(@Nullable String runRetention,
                                @Bindable(defaultValue = "1h") Duration retentionInterval,
                                @Bindable(defaultValue = "100") int retentionBatchSize) {

    public RetentionSettings {
        try {
            RetentionAge.parse(runRetention);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("LOADSTACK_RUN_RETENTION (loadstack.run-retention): " + e.getMessage());
        }
        if (retentionInterval.isNegative() || retentionInterval.isZero()) {
            throw new ConfigurationException("LOADSTACK_RETENTION_INTERVAL (loadstack.retention-interval) must be"
                    + " longer than 0, e.g. 1h; it is " + retentionInterval);
        }
        if (retentionBatchSize < 1) {
            throw new ConfigurationException("LOADSTACK_RETENTION_BATCH_SIZE (loadstack.retention-batch-size) must be"
                    + " at least 1; it is " + retentionBatchSize);
        }
    }

    /** @return empty: keep every run */
    public Optional<RetentionAge> age() {
        return RetentionAge.parse(runRetention);
    }
}
