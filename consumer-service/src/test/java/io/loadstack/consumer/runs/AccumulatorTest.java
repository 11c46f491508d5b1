package io.loadstack.consumer.runs;

import org.HdrHistogram.Histogram;
import io.loadstack.consumer.writer.StoredStats;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AccumulatorTest {

    @Test
    void theSummaryGivesTheSameAnswersAsEachQueryAlone() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            Accumulator data = new Accumulator();
            int distinct = 1 + random.nextInt(300);
            long[] values = new long[distinct];
            long[] counts = new long[distinct];
            for (int i = 0; i < distinct; i++) {
                // response times from 0 µs to ~30 s, most of them short, as load tests see them
                values[i] = (long) Math.pow(10, random.nextDouble() * 7.5);
                counts[i] = 1 + random.nextInt(round % 3 == 0 ? 3 : 10_000);
            }
            data.add(distinct, 0, values, counts);
            LatencySummary summary = data.latencies();
            assertEquals(data.minMs(), summary.min(), "min, round " + round);
            assertEquals(data.meanMs(), summary.mean(), 1e-9, "mean, round " + round);
            assertEquals(data.maxMs(), summary.max(), "max, round " + round);
            assertEquals(data.percentileMs(50), summary.p50(), "p50, round " + round);
            assertEquals(data.percentileMs(90), summary.p90(), "p90, round " + round);
            assertEquals(data.percentileMs(95), summary.p95(), "p95, round " + round);
            assertEquals(data.percentileMs(99), summary.p99(), "p99, round " + round);
        }
    }

    @Test
    void theMeanIsTheExactMeanOfTheReportedTimesAndSurvivesStorage() {
        Accumulator data = new Accumulator();
        data.add(3, 0, new long[] {12_345, 230_001}, new long[] {9, 1});
        assertEquals((9 * 12.345 + 230.001) / 10, data.meanMs(), 1e-9);
        Accumulator other = new Accumulator();
        other.add(1, 0, new long[] {1_000}, new long[] {10});
        data.add(other);
        assertEquals((9 * 12.345 + 230.001 + 10 * 1.0) / 20, data.latencies().mean(), 1e-9);

        Accumulator restored = new Accumulator(4, 0, HistogramCodec.decode(HistogramCodec.encode(data.histogram())));
        assertEquals(data.meanMs(), restored.meanMs(), data.meanMs() * 0.01, "from the histogram: within its 1 %");
    }

    @Test
    void noResponseTimesMeansNoLatencies() {
        Accumulator data = new Accumulator();
        data.add(10, 1, new long[0], new long[0]);
        assertEquals(LatencySummary.NONE, data.latencies());
        assertNull(StoredStats.of(data).histogram());
        assertEquals(10, StoredStats.of(data).requests());
    }

    @Test
    void storedHistogramsDecodeInBothTheCurrentAndTheEarlierCompressedForm() {
        Accumulator data = new Accumulator();
        data.add(3, 0, new long[] {12_000, 15_000, 230_000}, new long[] {40, 50, 10});
        byte[] plain = HistogramCodec.encode(data.histogram());
        assertEquals(data.histogram(), HistogramCodec.decode(plain));

        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(data.histogram().getNeededByteBufferCapacity());
        int length = data.histogram().encodeIntoCompressedByteBuffer(buffer);
        byte[] compressed = java.util.Arrays.copyOf(buffer.array(), length);
        Histogram earlier = HistogramCodec.decode(compressed);
        assertEquals(data.histogram(), earlier);
        assertArrayEquals(plain, HistogramCodec.encode(earlier), "re-encoded the current way");
    }

    @Test
    void countsPastWhatAnIntHoldsAreKeptWhole() {
        Accumulator total = new Accumulator();
        long[] values = {40_000, 90_000};
        total.add(2_000_000_000L, 0, values, new long[] {1_500_000_000L, 500_000_000L});
        Accumulator interval = new Accumulator();
        interval.add(1_000_000_000L, 0, values, new long[] {900_000_000L, 100_000_000L});
        total.add(interval);
        total.add(1, 0, new long[] {40_000}, new long[] {1});

        assertEquals(3_000_000_001L, total.histogram().getTotalCount());
        assertEquals(2_400_000_001L, total.histogram().getCountAtValue(40_000));
        assertEquals(600_000_000L, total.histogram().getCountAtValue(90_000));
        assertEquals(40.0, total.percentileMs(50), 0.4);
        assertEquals(90.0, total.percentileMs(95), 0.9);
        Histogram restored = HistogramCodec.decode(HistogramCodec.encode(total.histogram()));
        assertEquals(2_400_000_001L, restored.getCountAtValue(40_000), "and so are they once stored");
    }

    @Test
    void aTotalReadBackFromStorageTakesLongerTimesThanItHeld() {
        Accumulator before = new Accumulator();
        before.add(2, 0, new long[] {1_000, 2_000}, new long[] {1, 1});
        Accumulator restored = new Accumulator(2, 0, HistogramCodec.decode(HistogramCodec.encode(before.histogram())));

        restored.add(1, 0, new long[] {600_000_000}, new long[] {1});

        assertEquals(3, restored.histogram().getTotalCount());
        assertEquals(600_000.0, restored.maxMs(), 600_000 * 0.01);
    }
}
