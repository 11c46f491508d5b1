package io.loadstack.api.verdicts;

/**
 * A run's verdict. {@code NONE}: nothing to judge it by (no thresholds, no baseline). {@code PENDING}: it runs
 * and nothing failed yet. {@code FAILED} while it runs: a 15-second record broke a threshold.
 */
public enum VerdictStatus {
    PASSED, FAILED, NONE, PENDING
}
