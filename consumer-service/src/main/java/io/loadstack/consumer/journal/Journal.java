package io.loadstack.consumer.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of the ingestion path. A request is acknowledged only after its entry is on disk:
 * one thread takes whatever requests have queued, writes them in one go, fsyncs once (group commit, so
 * throughput does not collapse to one fsync per request), then hands every entry, in log order, to the
 * applier and completes the callers' futures with the applier's answer.
 *
 * <p>Because the applier runs on this one thread in log order, replaying the journal after a crash
 * reproduces exactly the same state. Segments are deleted once everything in them is in MySQL.
 *
 * <p>Format of a record: {@code int length | int crc32c | long lsn | byte type | payload}; a torn
 * record at the end of the last segment (a crash mid-write, never acknowledged) is cut off at replay.
 */
public final class Journal implements AutoCloseable {

    /** What the journal thread does with each durable entry; its answer goes back to the caller. */
    public interface Applier {
        Object apply(JournalEntry entry);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int HEADER = 4 + 4 + 8 + 1;
    private static final int MAX_BATCH = 4096;
    private static final String SUFFIX = ".journal";

    private final Path dir;
    private final JournalSettings settings;
    private final String id;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(65_536);
    private final List<Segment> segments = new ArrayList<>();

    private FileChannel current;
    private long currentFirstLsn;
    private long nextLsn = 1;
    private volatile long unreclaimedBytes;
    private volatile boolean running;
    private Thread thread;
    private Applier applier;

    public Journal(JournalSettings settings) {
        this.settings = settings;
        this.dir = Path.of(settings.dir());
        try {
            Files.createDirectories(dir);
            Path idFile = dir.resolve("journal.id");
            if (!Files.exists(idFile)) {
                Files.writeString(idFile, UUID.randomUUID().toString(), StandardCharsets.UTF_8);
                fsyncDirectory();
            }
            this.id = Files.readString(idFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the journal directory " + dir.toAbsolutePath()
                    + " (LOADSTACK_JOURNAL_DIR): " + e.getMessage(), e);
        }
    }

    /** Identifies this journal in MySQL's checkpoint table: one per consumer instance and volume. */
    public String id() {
        return id;
    }

    /**
     * Reads every intact entry with an lsn above {@code after} in log order, cuts off a torn tail, and
     * positions the log to continue after the last entry. Call once, before {@link #start}.
     */
    public void replay(long after, Consumer<JournalEntry> sink) {
        List<Path> files = segmentFiles();
        long lastLsn = after;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long first = firstLsnOf(file);
            long validBytes = 0;
            long segmentLast = first - 1;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                while (validBytes + HEADER <= size) {
                    header.clear();
                    channel.read(header, validBytes);
                    header.flip();
                    int length = header.getInt();
                    int crc = header.getInt();
                    long lsn = header.getLong();
                    byte type = header.get();
                    if (length < 0 || validBytes + HEADER + length > size) {
                        break;
                    }
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    channel.read(payload, validBytes + HEADER);
                    if (checksum(lsn, type, payload.array()) != crc) {
                        break;
                    }
                    validBytes += HEADER + length;
                    segmentLast = lsn;
                    if (lsn > after) {
                        sink.accept(new JournalEntry(lsn, type, payload.array()));
                    }
                    lastLsn = Math.max(lastLsn, lsn);
                }
                if (validBytes < size) {
                    LOG.warn("journal {}: cutting a torn tail of {} bytes (a write that was never acknowledged)",
                            file.getFileName(), size - validBytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read journal segment " + file, e);
            }
            if (validBytes == 0 && i == files.size() - 1) {
                deleteQuietly(file);
                continue;
            }
            if (validBytes < sizeOf(file)) {
                truncate(file, validBytes);
            }
            segments.add(new Segment(file, first, segmentLast, validBytes));
        }
        nextLsn = lastLsn + 1;
        unreclaimedBytes = segments.stream().mapToLong(Segment::bytes).sum();
    }

    /** Starts the journal thread; entries appended from now on get lsn {@code nextLsn} onwards. */
    public synchronized void start(Applier applier) {
        if (running) {
            return;
        }
        this.applier = applier;
        openNewSegment();
        running = true;
        thread = new Thread(this::loop, "journal");
        thread.setDaemon(false);
        thread.start();
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Appends an entry; the future completes, with the applier's answer, once the entry is on disk and
     * applied. Fails fast with {@link JournalFullException} when too much is waiting for MySQL, with
     * {@link JournalUnavailableException} when the entry cannot be made durable; an applier that throws
     * fails the future with its exception (logged here, with the entry's lsn).
     */
    public CompletableFuture<Object> append(byte type, byte[] payload) {
        if (unreclaimedBytes > settings.maxBytes()) {
            return CompletableFuture.failedFuture(JournalFullException.overLimit(unreclaimedBytes, settings.maxBytes()));
        }
        Pending pending = new Pending(type, payload, new CompletableFuture<>());
        if (!running) {
            return CompletableFuture.failedFuture(new JournalUnavailableException("the journal is not running", null));
        }
        try {
            if (!queue.offer(pending, 10, TimeUnit.SECONDS)) {
                return CompletableFuture.failedFuture(new JournalFullException(
                        "the journal's queue has held " + queue.size() + " requests for 10 s: the disk is too slow"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new JournalUnavailableException("interrupted while queueing", e));
        }
        return pending.result();
    }

    /** Bytes kept for data not yet in MySQL: what the 503 bound looks at. */
    public long unreclaimedBytes() {
        return unreclaimedBytes;
    }

    /** Deletes the segments whose every entry is at or below {@code lsn}, which MySQL now holds. */
    public void reclaimThrough(long lsn) {
        List<Path> toDelete = new ArrayList<>();
        synchronized (segments) {
            while (segments.size() > 1 && segments.get(0).lastLsn() <= lsn) {
                Segment done = segments.remove(0);
                unreclaimedBytes -= done.bytes();
                toDelete.add(done.file());
            }
        }
        toDelete.forEach(Journal::deleteQuietly);
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeAndApply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("journal write failed; {} requests get an error", batch.size(), e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void writeAndApply(List<Pending> batch) {
        int size = 0;
        for (Pending pending : batch) {
            size += HEADER + pending.payload().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        long[] lsns = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            long lsn = nextLsn++;
            lsns[i] = lsn;
            buffer.putInt(pending.payload().length);
            buffer.putInt(checksum(lsn, pending.type(), pending.payload()));
            buffer.putLong(lsn);
            buffer.put(pending.type());
            buffer.put(pending.payload());
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            if (settings.fsync()) {
                current.force(false);
            }
        } catch (IOException e) {
            throw new JournalUnavailableException("journal write failed", e);
        }
        synchronized (segments) {
            Segment last = segments.get(segments.size() - 1);
            segments.set(segments.size() - 1, new Segment(last.file(), last.firstLsn(), lsns[lsns.length - 1], last.bytes() + size));
            unreclaimedBytes += size;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            try {
                pending.result().complete(applier.apply(new JournalEntry(lsns[i], pending.type(), pending.payload())));
            } catch (RuntimeException e) {
                // The entry is durable and will be replayed; the bug is logged once, here, where it happens.
                LOG.error("journal entry {} (type {}) was written but cannot be applied", lsns[i], pending.type(), e);
                pending.result().completeExceptionally(e);
            }
        }
        if (sizeOf(segments.get(segments.size() - 1).file()) >= settings.segmentBytes()) {
            openNewSegment();
        }
    }

    private void openNewSegment() {
        try {
            if (current != null) {
                current.close();
            }
            currentFirstLsn = nextLsn;
            Path file = dir.resolve(String.format("%020d%s", currentFirstLsn, SUFFIX));
            current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            fsyncDirectory();
            synchronized (segments) {
                segments.add(new Segment(file, currentFirstLsn, currentFirstLsn - 1, current.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a journal segment in " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (current != null) {
                current.force(false);
                current.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the journal: {}", e.getMessage());
        }
    }

    private List<Path> segmentFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long firstLsnOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private static int checksum(long lsn, byte type, byte[] payload) {
        CRC32C crc = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(9).putLong(lsn).put(type);
        crc.update(head.array());
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** A new file's directory entry must be durable too, or a crash could lose the whole file. */
    private void fsyncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("directory fsync not supported here: {}", e.getMessage());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void truncate(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the torn tail of " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete journal segment {}: {}", file, e.getMessage());
        }
    }

    private record Pending(byte type, byte[] payload, CompletableFuture<Object> result) {
    }

    private record Segment(Path file, long firstLsn, long lastLsn, long bytes) {
    }
}
