package io.loadstack.consumer.recording;

import org.HdrHistogram.Histogram;

/**
 * Requests, failures and a response-time histogram (µs, 2 significant digits: under 1 % error, a few
 * KB, and exact to merge — which is why a whole run's p95 can be computed and is never an average).
 */
public final class Accumulator {

    private long requests;
    private long failures;
    private final Histogram histogram;

    public Accumulator() {
        this(new Histogram(2));
    }

    public Accumulator(Histogram histogram) {
        this.histogram = histogram;
    }

    public Accumulator(long requests, long failures, Histogram histogram) {
        this.requests = requests;
        this.failures = failures;
        this.histogram = histogram;
    }

    void add(long requests, long failures, long[] valuesMicros, long[] counts) {
        this.requests += requests;
        this.failures += failures;
        for (int i = 0; i < valuesMicros.length; i++) {
            if (counts[i] > 0) {
                histogram.recordValueWithCount(Math.max(0, valuesMicros[i]), counts[i]);
            }
        }
    }

    void add(Accumulator other) {
        requests += other.requests;
        failures += other.failures;
        histogram.add(other.histogram);
    }

    public long requests() {
        return requests;
    }

    public long failures() {
        return failures;
    }

    public Histogram histogram() {
        return histogram;
    }

    public Accumulator copy() {
        return new Accumulator(requests, failures, histogram.copy());
    }

    public boolean hasLatencies() {
        return histogram.getTotalCount() > 0;
    }

    /** A percentile in milliseconds, or null when no response time was reported. */
    public Double percentileMs(double percentile) {
        // The middle of the bucket halves the worst-case error against HdrHistogram's default (its top).
        return hasLatencies()
                ? histogram.medianEquivalentValue(histogram.getValueAtPercentile(percentile)) / 1000.0 : null;
    }

    public Double minMs() {
        return hasLatencies() ? histogram.getMinValue() / 1000.0 : null;
    }

    public Double maxMs() {
        return hasLatencies() ? histogram.getMaxValue() / 1000.0 : null;
    }

    public Double meanMs() {
        return hasLatencies() ? histogram.getMean() / 1000.0 : null;
    }
}
