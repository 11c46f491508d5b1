package io.loadstack.consumer.influx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Measurement names, tag keys and values and field keys repeat on nearly every line; decoding them
 * once and handing out the same String keeps the parser from allocating per line. Direct-mapped and
 * bounded: a collision just replaces the slot, so millions of distinct series cost no memory.
 */
final class StringCache {

    private static final int SLOTS = 4096;
    static final int MAX_CACHED_LENGTH = 128;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String get(byte[] bytes, int from, int to) {
        return get(bytes, from, to, hash(bytes, from, to));
    }

    /** The parser computes {@code hash} (as {@link #hash}) while it scans for the token's end. */
    String get(byte[] bytes, int from, int to, int hash) {
        int length = to - from;
        if (length > MAX_CACHED_LENGTH) {
            return new String(bytes, from, length, StandardCharsets.UTF_8);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, bytes, from, to)) {
            return values[slot];
        }
        String value = new String(bytes, from, length, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(bytes, from, to);
        values[slot] = value;
        return value;
    }

    static int hash(byte[] bytes, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }
}
