package io.loadstack.consumer.runs;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * HdrHistogram's own encoding, as stored in the BLOB columns. Written plain (ZigZag LEB128 with runs of
 * empty buckets collapsed: a few hundred bytes for response times) rather than deflate-compressed, which
 * costs a new {@link java.util.zip.Deflater} per histogram and thousands of them per tick. Both forms are
 * read, so rows written before still load.
 */
public final class HistogramCodec {

    /** HdrHistogram's V2 cookie of the compressed form, without its word-size bits (AbstractHistogram). */
    private static final int COMPRESSED_COOKIE_BASE = 0x1c849304;
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

    private HistogramCodec() {
    }

    public static byte[] encode(AbstractHistogram histogram) {
        ByteBuffer buffer = BUFFER.get();
        int needed = histogram.getNeededByteBufferCapacity();
        if (buffer.capacity() < needed) {
            buffer = ByteBuffer.allocate(needed);
            BUFFER.set(buffer);
        }
        buffer.clear();
        int length = histogram.encodeIntoByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    public static Histogram decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Histogram(2);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            Histogram histogram = (buffer.getInt(0) & ~0xf0) == COMPRESSED_COOKIE_BASE
                    ? Histogram.decodeFromCompressedByteBuffer(buffer, 0)
                    : Histogram.decodeFromByteBuffer(buffer, 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalStateException("a stored histogram cannot be decoded", e);
        }
    }
}
