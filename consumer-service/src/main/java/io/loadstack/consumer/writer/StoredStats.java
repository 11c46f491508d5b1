package io.loadstack.consumer.writer;

import io.loadstack.consumer.runs.Accumulator;
import io.loadstack.consumer.runs.HistogramCodec;
import io.loadstack.consumer.runs.LatencySummary;

/**
 * What MySQL stores of an {@link Accumulator}: counts, latency summary and the encoded histogram. Made on the
 * journal thread when an interval closes, so a write waiting for MySQL holds a few hundred bytes per record
 * instead of a live histogram of ~14 KB (with 1,000 running runs the copies alone outgrew the heap).
 */
public record StoredStats(long requests, long failures, LatencySummary latencies, byte[] histogram) {

    public static StoredStats of(Accumulator data) {
        return new StoredStats(data.requests(), data.failures(), data.latencies(),
                data.hasLatencies() ? HistogramCodec.encode(data.histogram()) : null);
    }
}
