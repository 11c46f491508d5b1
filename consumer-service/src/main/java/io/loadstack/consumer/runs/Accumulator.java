package io.loadstack.consumer.runs;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Requests, failures and a response-time histogram (µs, 2 significant digits: under 1 % error, a few
 * KB, and exact to merge — which is why a whole run's p95 can be computed and is never an average).
 *
 * <p>The histogram counts in ints until a count could pass {@link Integer#MAX_VALUE}, then in longs: the
 * writer keeps two of these per endpoint of every running run, and int counts halve what 1,000 running runs
 * hold (BENCHMARKS.md); a run sees two billion requests only after days, so almost none ever widens.
 */
public final class Accumulator {

    private long requests;
    private long failures;
    /** Sum of the recorded response times in µs, for an exact mean without walking the histogram. */
    private double sumMicros;
    private AbstractHistogram histogram;

    public Accumulator() {
        this.histogram = new IntCountsHistogram(2);
    }

    /** Totals read back from MySQL: the stored histogram's own mean stands in for the sum of its values. */
    public Accumulator(long requests, long failures, Histogram stored) {
        this.requests = requests;
        this.failures = failures;
        this.sumMicros = stored.getMean() * stored.getTotalCount();
        this.histogram = stored.getTotalCount() > Integer.MAX_VALUE ? new Histogram(2) : new IntCountsHistogram(2);
        // A fresh auto-resizing histogram: the decoded one is sized to what it held, not to what comes next.
        histogram.add(stored);
    }

    public void add(long requests, long failures, long[] valuesMicros, long[] counts) {
        this.requests += requests;
        this.failures += failures;
        long incoming = 0;
        for (long count : counts) {
            incoming += Math.max(0, count);
        }
        makeRoomFor(incoming);
        for (int i = 0; i < valuesMicros.length; i++) {
            if (counts[i] > 0) {
                long value = Math.max(0, valuesMicros[i]);
                histogram.recordValueWithCount(value, counts[i]);
                sumMicros += (double) value * counts[i];
            }
        }
    }

    /** Back to nothing, keeping the histogram's counts array (sized by the values seen so far) for reuse. */
    void reset() {
        requests = 0;
        failures = 0;
        sumMicros = 0;
        histogram.reset();
    }

    boolean isEmpty() {
        return requests == 0 && failures == 0 && histogram.getTotalCount() == 0;
    }

    void add(Accumulator other) {
        requests += other.requests;
        failures += other.failures;
        sumMicros += other.sumMicros;
        makeRoomFor(other.histogram.getTotalCount());
        histogram.add(other.histogram);
    }

    /** No bucket holds more than the total, so a total that fits in an int keeps every count in one. */
    private void makeRoomFor(long incoming) {
        if (histogram instanceof IntCountsHistogram
                && (incoming < 0 || histogram.getTotalCount() + incoming > Integer.MAX_VALUE)) {
            Histogram wide = new Histogram(2);
            wide.add(histogram);
            histogram = wide;
        }
    }

    public long requests() {
        return requests;
    }

    public long failures() {
        return failures;
    }

    public AbstractHistogram histogram() {
        return histogram;
    }

    public boolean hasLatencies() {
        return histogram.getTotalCount() > 0;
    }

    /**
     * Min, mean, max, p50, p90, p95 and p99, as {@link #minMs()}, {@link #meanMs()}, {@link #maxMs()} and
     * {@link #percentileMs} give them: every record the writer stores needs all seven. Each percentile is a
     * tight walk that stops at its rank; HdrHistogram's value iterator, which its own getMean uses, costs
     * twice all four together (~30 µs a histogram with C1), hence the running sum for the mean.
     */
    public LatencySummary latencies() {
        if (!hasLatencies()) {
            return LatencySummary.NONE;
        }
        return new LatencySummary(minMs(), meanMs(), maxMs(), percentileMs(50), percentileMs(90), percentileMs(95), percentileMs(99));
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

    /** The exact mean of the recorded response times (not of their histogram buckets). */
    public Double meanMs() {
        return hasLatencies() ? sumMicros / histogram.getTotalCount() / 1000.0 : null;
    }
}
