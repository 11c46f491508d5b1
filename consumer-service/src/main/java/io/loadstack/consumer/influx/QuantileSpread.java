package io.loadstack.consumer.influx;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a window that a generator summarised (count, min, some percentiles, max, mean) back into response
 * times, for generators that send aggregates instead of samples (JMeter's Backend Listener, Gatling's Graphite
 * writer). The recorded values reproduce the sent percentiles of the window; between them they are a linear
 * guess, so a run's percentiles merged from many windows are approximate.
 *
 * <p>{@code flat} holds (quantile, ms) pairs sorted by quantile, from 0 (min) to 1 (max), the quantile
 * function never decreasing, and the window's mean as its last element (NaN when unknown).
 */
public final class QuantileSpread {

    private static final int APPROXIMATION_POINTS = 1000;

    /** Where the spread values go: {@code count} requests took {@code ms}. */
    @FunctionalInterface
    public interface Sink {
        void record(double ms, long count);
    }

    private QuantileSpread() {
    }

    /**
     * Records {@code count} requests spread over the window's distribution: a piecewise-linear quantile
     * function through the known points plus, when no median was sent, a median knot placed so that the
     * distribution's mean is the window's (clamped between its neighbours), sampled at up to 1000 evenly
     * spaced quantiles from 0 (min) to 1 (max).
     */
    public static void spread(long count, double[] flat, Sink sink) {
        if (count <= 0 || flat == null) {
            return;
        }
        int n = (flat.length - 1) / 2;
        List<double[]> knots = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            knots.add(new double[]{flat[2 * i], flat[2 * i + 1]});
        }
        double avg = flat[flat.length - 1];
        int above = 0;
        while (above < knots.size() && knots.get(above)[0] <= 0.5) {
            above++;
        }
        if (above > 0 && above < knots.size() && knots.get(above - 1)[0] < 0.5 && !Double.isNaN(avg)) {
            double[] a = knots.get(above - 1);
            double[] b = knots.get(above);
            double rest = 0;
            for (int i = 1; i < knots.size(); i++) {
                if (i != above) {
                    rest += (knots.get(i)[0] - knots.get(i - 1)[0]) * (knots.get(i)[1] + knots.get(i - 1)[1]) / 2;
                }
            }
            double fixed = (0.5 - a[0]) * a[1] / 2 + (b[0] - 0.5) * b[1] / 2;
            double median = (avg - rest - fixed) / ((b[0] - a[0]) / 2);
            median = Math.max(a[1], Math.min(b[1], median));
            knots.add(above, new double[]{0.5, median});
        }
        int points = (int) Math.min(count, APPROXIMATION_POINTS);
        long each = count / points;
        long remainder = count % points;
        int segment = 1;
        for (int i = 0; i < points; i++) {
            // min and max themselves are among the values: a short window keeps its extremes
            double q = points == 1 ? 0.5 : (double) i / (points - 1);
            while (segment < knots.size() - 1 && knots.get(segment)[0] < q) {
                segment++;
            }
            double[] lo = knots.get(segment - 1);
            double[] hi = knots.get(segment);
            double span = hi[0] - lo[0];
            double value = span <= 0 ? hi[1] : lo[1] + (hi[1] - lo[1]) * (q - lo[0]) / span;
            sink.record(value, each + (i < remainder ? 1 : 0));
        }
    }
}
