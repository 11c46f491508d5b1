package io.loadstack.consumer.recording;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/** HdrHistogram's own compressed encoding, as stored in the BLOB columns. */
public final class HistogramCodec {

    private HistogramCodec() {
    }

    public static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    public static Histogram decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Histogram(2);
        }
        try {
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored histogram cannot be decoded", e);
        }
    }
}
