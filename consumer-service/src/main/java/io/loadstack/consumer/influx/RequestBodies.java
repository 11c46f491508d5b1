package io.loadstack.consumer.influx;

import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies as the line-protocol parser wants them: plain bytes, gunzipped when they start with gzip's
 * magic number (a client or proxy that compresses without saying {@code Content-Encoding: gzip}; with the
 * header, the server has already inflated the body, up to {@code micronaut.server.max-request-size}).
 *
 * <p>What a gzip bomb may cost is bounded twice: a body inflates to at most the size the server accepts for any
 * body (413 beyond; the buffer never grows past it), and all bodies being inflated and parsed at once share a
 * budget of {@value #BODIES_AT_THE_LIMIT} such bodies. A request that finds the budget taken waits a little for
 * it, then is answered 503 with Retry-After. Without both, a few bombs at once ran the consumer out of heap.
 */
@Singleton
public class RequestBodies {

    /** How many bodies at the limit may be inflated at once: with the default 10 MB, 40 MB of heap. */
    static final int BODIES_AT_THE_LIMIT = 4;
    private static final Duration BUDGET_WAIT = Duration.ofSeconds(5);
    private static final int SMALLEST_BUFFER = 8 * 1024;
    private static final int KIB = 1024;

    static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The shared budget stayed taken: the client is not at fault and may retry shortly. */
    static final class Busy extends Exception {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    /** A decoded body; closing it gives its bytes back to the shared budget. */
    static final class Decoded implements AutoCloseable {
        private final byte[] bytes;
        private final int length;
        private final Reservation reservation;

        private Decoded(byte[] bytes, int length, Reservation reservation) {
            this.bytes = bytes;
            this.length = length;
            this.reservation = reservation;
        }

        /** The bytes; only the first {@link #length()} are the body. */
        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        @Override
        public void close() {
            if (reservation != null) {
                reservation.releaseAll();
            }
        }
    }

    private final int maxDecompressedBytes;
    private final Semaphore budgetKib;
    private final int budgetTotalKib;
    private final Duration wait;

    @Inject
    RequestBodies(HttpServerConfiguration server) {
        this((int) Math.min(Integer.MAX_VALUE - 8, server.getMaxRequestSize()),
                BODIES_AT_THE_LIMIT * Math.min(Integer.MAX_VALUE - 8, server.getMaxRequestSize()), BUDGET_WAIT);
    }

    RequestBodies(int maxDecompressedBytes, long budgetBytes, Duration wait) {
        this.maxDecompressedBytes = maxDecompressedBytes;
        // At least one body at the limit fits, or such a body could never be read.
        this.budgetTotalKib = (int) Math.min(Integer.MAX_VALUE, Math.max(kib(maxDecompressedBytes), budgetBytes / KIB));
        this.budgetKib = new Semaphore(budgetTotalKib, true);
        this.wait = wait;
    }

    /** The budget's bytes not reserved right now, in KiB. */
    int availableBudgetKib() {
        return budgetKib.availablePermits();
    }

    int budgetKib() {
        return budgetTotalKib;
    }

    Decoded decode(byte[] body, String contentEncoding) throws TooLarge, Unreadable, Busy {
        if (body == null) {
            return new Decoded(new byte[0], 0, null);
        }
        boolean gzipMagic = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (!gzipMagic) {
            if (encoding.equals("gzip") && body.length > 0) {
                // The server may already have inflated it; plain line protocol never starts with 0x1f 0x8b.
                return new Decoded(body, body.length, null);
            }
            if (!encoding.isEmpty() && !encoding.equals("identity") && !encoding.equals("gzip")) {
                throw new Unreadable("unsupported Content-Encoding '" + contentEncoding + "': use gzip or none");
            }
            return new Decoded(body, body.length, null);
        }
        Reservation reservation = new Reservation();
        try {
            Decoded decoded = inflate(body, reservation);
            reservation = null;
            return decoded;
        } finally {
            if (reservation != null) {
                reservation.releaseAll();
            }
        }
    }

    private Decoded inflate(byte[] body, Reservation reservation) throws TooLarge, Unreadable, Busy {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
            int capacity = Math.max(SMALLEST_BUFFER, Math.min(maxDecompressedBytes, declaredSize(body)));
            reservation.reserve(capacity);
            byte[] buffer = new byte[capacity];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    int next = in.read();
                    if (next < 0) {
                        break;
                    }
                    if (buffer.length >= maxDecompressedBytes) {
                        throw new TooLarge("request body too large: more than " + maxDecompressedBytes
                                + " bytes after gzip decompression");
                    }
                    int grown = (int) Math.min(maxDecompressedBytes, 2L * buffer.length);
                    reservation.reserve(grown);
                    int previous = buffer.length;
                    buffer = Arrays.copyOf(buffer, grown);
                    reservation.release(previous);
                    buffer[length++] = (byte) next;
                    continue;
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
            return new Decoded(buffer, length, reservation);
        } catch (IOException e) {
            throw new Unreadable("invalid gzip body: " + e.getMessage());
        }
    }

    /**
     * The size gzip's trailer gives (of the last member, modulo 4 GB): a first guess for the buffer, so that an
     * honest body is inflated into one buffer of the right size. A lie only costs growing the buffer.
     */
    private static int declaredSize(byte[] body) {
        if (body.length < 18) {
            return 0;
        }
        int end = body.length;
        long size = (body[end - 4] & 0xffL) | (body[end - 3] & 0xffL) << 8 | (body[end - 2] & 0xffL) << 16
                | (body[end - 1] & 0xffL) << 24;
        return (int) Math.min(Integer.MAX_VALUE - 8, size);
    }

    private static int kib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + KIB - 1) / KIB);
    }

    /** The part of the budget one request holds; given back whole when the request is done with its body. */
    private final class Reservation {
        private int heldKib;

        void reserve(int bytes) throws Busy {
            int wanted = kib(bytes);
            try {
                if (!budgetKib.tryAcquire(wanted, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new Busy("too many compressed bodies are being inflated at once: retry shortly");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Busy("interrupted while waiting to inflate the body: retry shortly");
            }
            heldKib += wanted;
        }

        void release(int bytes) {
            int given = kib(bytes);
            heldKib -= given;
            budgetKib.release(given);
        }

        void releaseAll() {
            if (heldKib > 0) {
                budgetKib.release(heldKib);
                heldKib = 0;
            }
        }
    }
}
