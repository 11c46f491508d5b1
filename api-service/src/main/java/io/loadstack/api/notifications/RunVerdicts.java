package io.loadstack.api.notifications;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * The verdict of a run that ended, for its {@link NotificationEvent.RunFinished} and its
 * {@link NotificationEvent.RegressionFound}: the verdicts feature provides the bean; without one, runs finish
 * without a verdict. Called from the run watcher's transaction, on a connection of its own.
 */
public interface RunVerdicts {

    /** Empty when the run has no verdict (its test has no thresholds and no baseline). */
    Optional<RunVerdict> of(String runUuid);

    /** A running run's failed criteria with their values once a live threshold failed; empty otherwise. */
    List<String> liveFailures(String runUuid);

    /**
     * @param verdict      PASSED or FAILED
     * @param failed       each failed criterion with its measured value ({@code p95 < 300ms: 412 ms})
     * @param baselineUuid the baseline the run was compared with; null without one
     * @param regressions  each regression against it, with both values
     */
    record RunVerdict(String verdict, List<String> failed, @Nullable String baselineUuid, List<String> regressions) {
        public RunVerdict {
            failed = List.copyOf(failed);
            regressions = List.copyOf(regressions);
        }
    }
}
