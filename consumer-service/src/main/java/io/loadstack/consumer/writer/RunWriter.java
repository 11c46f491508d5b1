package io.loadstack.consumer.writer;

import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.RunRecorder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Moves pending run states to MySQL, one writer at a time and in journal order. When MySQL is away the
 * states stay pending (and the journal keeps them durable); the next attempt writes everything at once.
 * After a write that carried a checkpoint, the journal segments it covers are deleted.
 */
@Singleton
public class RunWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RunWriter.class);

    private final PendingWrites pending;
    private final RunStore store;
    private final RecordingJournal journal;
    private final RunRecorder recorder;
    private final ExecutorService single = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "run-writer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean lastWriteFailed;

    public RunWriter(PendingWrites pending, RunStore store, RecordingJournal journal, RunRecorder recorder) {
        this.pending = pending;
        this.recorder = recorder;
        this.store = store;
        this.journal = journal;
    }

    /** Writes what is pending on the writer thread; the future tells whether MySQL has it now. */
    public CompletableFuture<Boolean> writeSoon() {
        return CompletableFuture.supplyAsync(this::writePending, single);
    }

    /** @return true when everything pending at the call is in MySQL */
    boolean writePending() {
        List<PendingWrites.Batch> batches = pending.takeAll();
        if (batches.isEmpty()) {
            return true;
        }
        try {
            long checkpoint = store.write(journal.journalId(), batches);
            if (checkpoint > 0) {
                journal.journal().reclaimThrough(checkpoint);
            }
            batches.forEach(batch -> recorder.stored(batch.runs()));
            if (lastWriteFailed) {
                LOG.info("MySQL is back: wrote {} pending batches", batches.size());
            }
            lastWriteFailed = false;
            return true;
        } catch (SQLException | RuntimeException e) {
            pending.giveBack(batches);
            if (!lastWriteFailed) {
                LOG.warn("cannot write runs to MySQL ({}); {} batches stay pending in the journal and are retried",
                        e.getMessage(), batches.size());
            }
            lastWriteFailed = true;
            return false;
        }
    }

    public boolean isBehind() {
        return lastWriteFailed;
    }

    @PreDestroy
    void stop() {
        single.shutdown();
    }
}
