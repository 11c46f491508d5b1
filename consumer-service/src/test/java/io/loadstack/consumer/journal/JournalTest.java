package io.loadstack.consumer.journal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    private static JournalSettings settings(Path dir, long segmentBytes) {
        return new JournalSettings(dir.toString(), segmentBytes, 1L << 30, true);
    }

    private static List<String> replayAll(Path dir, long after) {
        List<String> seen = new ArrayList<>();
        Journal journal = new Journal(settings(dir, 1 << 20));
        journal.replay(after, entry -> seen.add(entry.lsn() + ":" + new String(entry.payload(), StandardCharsets.UTF_8)));
        return seen;
    }

    @Test
    void acknowledgedEntriesAreReplayedInOrderAfterAReopen() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        Journal journal = new Journal(settings(dir, 1 << 20));
        journal.replay(0, entry -> { });
        journal.start(entry -> "applied " + entry.lsn());
        List<CompletableFuture<Object>> acks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            acks.add(journal.append((byte) 1, ("event-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals("applied " + (i + 1), acks.get(i).get());
        }
        journal.close();

        List<String> replayed = replayAll(dir, 0);
        assertEquals(100, replayed.size());
        assertEquals("1:event-0", replayed.get(0));
        assertEquals("100:event-99", replayed.get(99));
        assertEquals(50, replayAll(dir, 50).size(), "only entries beyond the checkpoint");
    }

    @Test
    void aTornTailFromACrashMidWriteIsCutOff() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        Journal journal = new Journal(settings(dir, 1 << 20));
        journal.replay(0, entry -> { });
        journal.start(entry -> null);
        journal.append((byte) 1, "complete".getBytes(StandardCharsets.UTF_8)).get();
        journal.close();
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(f -> f.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[]{0, 0, 0, 50, 1, 2, 3}));
        }
        assertEquals(List.of("1:complete"), replayAll(dir, 0));

        Journal reopened = new Journal(settings(dir, 1 << 20));
        reopened.replay(0, entry -> { });
        reopened.start(entry -> null);
        reopened.append((byte) 1, "after".getBytes(StandardCharsets.UTF_8)).get();
        reopened.close();
        assertEquals(List.of("1:complete", "2:after"), replayAll(dir, 0));
    }

    @Test
    void segmentsAreDeletedOnceMySqlHoldsTheirEntries() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        Journal journal = new Journal(settings(dir, 200));
        journal.replay(0, entry -> { });
        journal.start(entry -> null);
        for (int i = 0; i < 20; i++) {
            journal.append((byte) 1, ("entry number " + i).getBytes(StandardCharsets.UTF_8)).get();
        }
        long before = segmentCount(dir);
        assertTrue(before >= 3, "small segments roll over: " + before);
        long bytesBefore = journal.unreclaimedBytes();
        journal.reclaimThrough(15);
        assertTrue(segmentCount(dir) < before);
        assertTrue(journal.unreclaimedBytes() < bytesBefore);
        journal.close();
        List<String> left = replayAll(dir, 15);
        assertEquals(5, left.size(), "what is beyond the checkpoint stays");
    }

    @Test
    void aFullJournalRefusesNewEntriesWithoutWritingThemUntilMySqlHoldsTheOldOnes() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        // Segments of 100 bytes: the first entry fills one, so that MySQL taking it frees its space.
        Journal journal = new Journal(new JournalSettings(dir.toString(), 100, 100, true));
        journal.replay(0, entry -> { });
        journal.start(entry -> "applied " + entry.lsn());
        assertEquals("applied 1", journal.append((byte) 1, new byte[200]).get());
        assertTrue(journal.unreclaimedBytes() > 100, "over the limit: " + journal.unreclaimedBytes());

        CompletableFuture<Object> refused = journal.append((byte) 1, "refused".getBytes(StandardCharsets.UTF_8));
        assertTrue(refused.isDone(), "refused at once, not after waiting for the disk");
        ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
        JournalFullException full = assertInstanceOf(JournalFullException.class, failure.getCause());
        assertTrue(full.getMessage().contains("limit 100"), full.getMessage());

        // The journal thread starts the next segment just after answering: reclaim once it has.
        for (int attempt = 0; attempt < 500 && journal.unreclaimedBytes() > 0; attempt++) {
            journal.reclaimThrough(1);
            if (journal.unreclaimedBytes() > 0) {
                Thread.sleep(10);
            }
        }
        assertEquals(0, journal.unreclaimedBytes(), "MySQL holds entry 1: its segment is gone");
        assertEquals("applied 2", journal.append((byte) 1, "accepted".getBytes(StandardCharsets.UTF_8)).get(),
                "accepting again; the refused entry took no lsn");
        journal.close();
        assertEquals(List.of("2:accepted"), replayAll(dir, 0), "the refused entry was never written");
    }

    private static long segmentCount(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".journal")).count();
        }
    }
}
