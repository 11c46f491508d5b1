package io.loadstack.api.verdicts;

import io.loadstack.support.thresholds.Threshold;

/** A threshold with where it came from: {@code test}, {@code run} or {@code launch}. */
record JudgedThreshold(Threshold threshold, String source) {
}
