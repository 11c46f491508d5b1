package io.loadstack.consumer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nearest-rank percentiles of raw values: the reference the stored (HdrHistogram) numbers must match within 1 %. */
public final class ReferencePercentiles {

    private ReferencePercentiles() {
    }

    public static double of(List<? extends Number> values, double percentile) {
        List<Number> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingDouble(Number::doubleValue));
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)).doubleValue();
    }

    public static void assertWithinOnePercent(double expected, Object actual, String what) {
        assertNotNull(actual, what);
        double value = ((Number) actual).doubleValue();
        assertTrue(Math.abs(value - expected) <= expected * 0.01, what + ": expected " + expected + " ±1 %, got " + value);
    }
}
