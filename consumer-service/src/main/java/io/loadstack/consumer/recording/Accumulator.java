package io.loadstack.consumer.recording;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

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

    /** Back to nothing, keeping the histogram's counts array (sized by the values seen so far) for reuse. */
    void reset() {
        requests = 0;
        failures = 0;
        histogram.reset();
    }

    boolean isEmpty() {
        return requests == 0 && failures == 0 && histogram.getTotalCount() == 0;
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

    /**
     * Min, mean, max, p50, p90, p95 and p99 in one walk over the recorded values, with exactly the answers of
     * {@link #minMs()}, {@link #meanMs()}, {@link #maxMs()} and {@link #percentileMs} (each of which walks the
     * histogram again): every record the writer stores needs all seven.
     */
    public LatencySummary latencies() {
        long total = histogram.getTotalCount();
        if (total == 0) {
            return LatencySummary.NONE;
        }
        long at50 = countAtPercentile(50, total);
        long at90 = countAtPercentile(90, total);
        long at95 = countAtPercentile(95, total);
        long at99 = countAtPercentile(99, total);
        long p50 = -1;
        long p90 = -1;
        long p95 = -1;
        long p99 = -1;
        double sum = 0;
        long seen = 0;
        for (HistogramIterationValue recorded : histogram.recordedValues()) {
            long value = recorded.getValueIteratedTo();
            long count = recorded.getCountAtValueIteratedTo();
            sum += histogram.medianEquivalentValue(value) * (double) count;
            seen += count;
            if (p50 < 0 && seen >= at50) {
                p50 = value;
            }
            if (p90 < 0 && seen >= at90) {
                p90 = value;
            }
            if (p95 < 0 && seen >= at95) {
                p95 = value;
            }
            if (p99 < 0 && seen >= at99) {
                p99 = value;
            }
        }
        return new LatencySummary(histogram.getMinValue() / 1000.0, sum / total / 1000.0, histogram.getMaxValue() / 1000.0,
                middleMs(p50), middleMs(p90), middleMs(p95), middleMs(p99));
    }

    /** The rank of a percentile as {@code AbstractHistogram.getValueAtPercentile} computes it, so both agree. */
    private static long countAtPercentile(double percentile, long total) {
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
        return Math.max((long) Math.ceil((requested * total) / 100.0D), 1);
    }

    private Double middleMs(long value) {
        return value < 0 ? null : histogram.medianEquivalentValue(value) / 1000.0;
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
