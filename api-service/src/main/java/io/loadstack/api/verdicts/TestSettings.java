package io.loadstack.api.verdicts;

import io.loadstack.api.runs.RunComparison;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What a test (the runs of one name) judges its runs by: thresholds, the tolerances of the comparison with
 * its baseline, and the baseline, a run of the test pinned by a user. A test nobody set anything on has
 * {@link #none}.
 */
record TestSettings(String name, List<String> thresholds, RunComparison.Tolerances tolerances,
                    @Nullable String baselineRunUuid) {

    TestSettings {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        tolerances = tolerances == null ? RunComparison.Tolerances.DEFAULTS : tolerances;
    }

    static TestSettings none(String name) {
        return new TestSettings(name, List.of(), RunComparison.Tolerances.DEFAULTS, null);
    }
}
