package io.loadstack.consumer.influx;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inflating bodies without the server's help: what one body, and all of them at once, may cost. */
class RequestBodiesTest {

    private static final int MB = 1024 * 1024;

    @Test
    void aGzippedBodyWithoutContentEncodingIsInflatedIntoOneBufferOfItsSize() throws Exception {
        RequestBodies bodies = new RequestBodies(MB, 4L * MB, Duration.ofMillis(100));
        byte[] lines = "cpu v=1\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        try (RequestBodies.Decoded decoded = bodies.decode(gzip(lines), null)) {
            assertEquals(lines.length, decoded.length());
            assertEquals(lines.length, decoded.bytes().length, "sized from gzip's trailer, not doubled");
            assertArrayEquals(lines, Arrays.copyOf(decoded.bytes(), decoded.length()));
        }
        assertEquals(bodies.budgetKib(), bodies.availableBudgetKib(), "closing gives the budget back");
    }

    @Test
    void aPlainBodyIsTakenAsItIsAndCostsNoBudget() throws Exception {
        RequestBodies bodies = new RequestBodies(MB, 4L * MB, Duration.ofMillis(100));
        byte[] lines = "cpu v=1\n".getBytes(StandardCharsets.UTF_8);
        try (RequestBodies.Decoded decoded = bodies.decode(lines, "gzip")) {
            assertSame(lines, decoded.bytes(), "already inflated by the server");
            assertEquals(bodies.budgetKib(), bodies.availableBudgetKib());
        }
    }

    @Test
    void aBombIsRefusedAtTheLimitWithoutHoldingMoreThanTheLimit() throws Exception {
        RequestBodies bodies = new RequestBodies(MB, 4L * MB, Duration.ofMillis(100));
        byte[] bomb = gzip(new byte[64 * MB]);
        assertThrows(RequestBodies.TooLarge.class, () -> bodies.decode(bomb, null));
        assertEquals(bodies.budgetKib(), bodies.availableBudgetKib(), "the refused body's budget is given back");
    }

    @Test
    void aBodyLyingAboutItsSizeStillInflatesWhole() throws Exception {
        RequestBodies bodies = new RequestBodies(MB, 4L * MB, Duration.ofMillis(100));
        byte[] lines = "cpu v=1\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        byte[] lying = gzip(lines);
        Arrays.fill(lying, lying.length - 4, lying.length, (byte) 0);
        // GZIPInputStream checks the trailer's size at the end: a lie there is a broken body, refused as such.
        assertThrows(RequestBodies.Unreadable.class, () -> bodies.decode(lying, null));
        byte[] twoMembers = concat(gzip(Arrays.copyOf(lines, 1000)), gzip(Arrays.copyOfRange(lines, 1000, lines.length)));
        try (RequestBodies.Decoded decoded = bodies.decode(twoMembers, null)) {
            assertArrayEquals(lines, Arrays.copyOf(decoded.bytes(), decoded.length()), "grown past the last member's size");
        }
        assertEquals(bodies.budgetKib(), bodies.availableBudgetKib());
    }

    @Test
    void bodiesBeyondTheSharedBudgetWaitForItThenAreToldToComeBack() throws Exception {
        RequestBodies bodies = new RequestBodies(MB, 2L * MB, Duration.ofMillis(200));
        byte[] full = gzip("x".repeat(MB).getBytes(StandardCharsets.UTF_8));
        try (RequestBodies.Decoded first = bodies.decode(full, null);
             RequestBodies.Decoded second = bodies.decode(full, null)) {
            assertEquals(MB, first.length());
            assertEquals(0, bodies.availableBudgetKib(), "two bodies at the limit take the whole budget");
            assertThrows(RequestBodies.Busy.class, () -> bodies.decode(full, null));
        }
        try (RequestBodies.Decoded third = bodies.decode(full, null)) {
            assertEquals(MB, third.length(), "once the others are parsed, the budget is free again");
        }
        assertEquals(bodies.budgetKib(), bodies.availableBudgetKib());
        assertTrue(bodies.budgetKib() >= MB / 1024);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 65536)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
