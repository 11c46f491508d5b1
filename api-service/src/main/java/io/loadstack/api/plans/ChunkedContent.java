package io.loadstack.api.plans;

import java.io.InputStream;

/**
 * A stored file's content as a stream, one chunk fetched at a time: a download holds at most one chunk in
 * memory, however large the file.
 */
final class ChunkedContent extends InputStream {

    private final PlanStore store;
    private final String sha256;
    private final int chunks;
    private int next;
    private byte[] current = new byte[0];
    private int position;

    ChunkedContent(PlanStore store, String sha256, int chunks) {
        this.store = store;
        this.sha256 = sha256;
        this.chunks = chunks;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    private boolean fill() {
        while (position >= current.length) {
            if (next >= chunks) {
                return false;
            }
            current = store.chunk(sha256, next++);
            position = 0;
        }
        return true;
    }
}
