package io.loadstack.consumer.runs;

import java.util.BitSet;

/**
 * Remembers which sequence numbers one load generator has sent for a run: the highest, and a bitmap of
 * the 4096 below it, so that retries and out-of-order posts are recognised without keeping every seq.
 * Anything older than the window counts as seen: a generator does not retry that late.
 */
public final class SeqWindow {

    static final int SIZE = 4096;

    private long max = -1;
    private BitSet seen = new BitSet(SIZE);

    public static SeqWindow restore(long max, byte[] bits) {
        SeqWindow window = new SeqWindow();
        window.max = max;
        window.seen = BitSet.valueOf(bits);
        return window;
    }

    /** @return true when {@code seq} is new, and records it */
    public boolean firstTime(long seq) {
        if (seq > max) {
            int shift = (int) Math.min(SIZE, seq - max);
            BitSet shifted = new BitSet(SIZE);
            for (int i = seen.nextSetBit(0); i >= 0 && i + shift < SIZE; i = seen.nextSetBit(i + 1)) {
                shifted.set(i + shift);
            }
            seen = shifted;
            seen.set(0);
            max = seq;
            return true;
        }
        long back = max - seq;
        if (back >= SIZE || seen.get((int) back)) {
            return false;
        }
        seen.set((int) back);
        return true;
    }

    public long max() {
        return max;
    }

    public byte[] bits() {
        return seen.toByteArray();
    }

    SeqWindow copy() {
        return restore(max, bits());
    }
}
