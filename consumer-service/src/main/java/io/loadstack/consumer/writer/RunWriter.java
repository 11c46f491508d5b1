package io.loadstack.consumer.writer;

import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.RunRecorder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Moves pending run states to MySQL, one writer at a time and in journal order. When MySQL is away the
 * states stay pending (and the journal keeps them durable); the next attempt writes everything at once.
 * After a write that carried a checkpoint, the journal segments it covers are deleted.
 *
 * <p>When MySQL refuses the write for its data, the runs are written one at a time so that the one it
 * refuses is found and set aside ({@link SetAsideRuns}) and all the others, and the checkpoint, go on: one
 * bad row must not stop the writer for every run.
 */
@Singleton
public class RunWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RunWriter.class);

    private final PendingWrites pending;
    private final RunStore store;
    private final RecordingJournal journal;
    private final RunRecorder recorder;
    private final SetAsideRuns setAside;
    private final ExecutorService single = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "run-writer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean lastWriteFailed;
    private Class<?> lastFailure;

    public RunWriter(PendingWrites pending, RunStore store, RecordingJournal journal, RunRecorder recorder, SetAsideRuns setAside) {
        this.pending = pending;
        this.recorder = recorder;
        this.store = store;
        this.journal = journal;
        this.setAside = setAside;
    }

    /** Writes what is pending on the writer thread; the future tells whether MySQL has it now. */
    public CompletableFuture<Boolean> writeSoon() {
        return CompletableFuture.supplyAsync(this::writePending, single);
    }

    /** @return true when nothing pending at the call is left to write: MySQL has it, or refused it for good */
    boolean writePending() {
        List<PendingWrites.Batch> taken = pending.takeAll();
        if (taken.isEmpty()) {
            return true;
        }
        try {
            return write(taken);
        } catch (RuntimeException e) {
            // Whatever failed around the writes themselves, nothing taken may be lost: rewriting what MySQL has is harmless.
            return failed(taken, e);
        }
    }

    private boolean write(List<PendingWrites.Batch> taken) {
        List<PendingWrites.Batch> batches = withoutSetAsideRuns(taken);
        try {
            long checkpoint = store.write(journal.journalId(), batches);
            batches.forEach(batch -> recorder.stored(batch.runs()));
            checkpointed(checkpoint);
            succeeded(batches.size());
            return true;
        } catch (SQLException e) {
            if (DataRefusal.isRefusalOfTheData(e)) {
                return writeOneRunAtATime(batches);
            }
            return failed(batches, e);
        } catch (RuntimeException e) {
            return failed(batches, e);
        }
    }

    /** Each run in a transaction of its own; then, once every run is either stored or set aside, the checkpoint. */
    private boolean writeOneRunAtATime(List<PendingWrites.Batch> batches) {
        Map<String, List<RunWrite>> byRun = new LinkedHashMap<>();
        long checkpoint = 0;
        for (PendingWrites.Batch batch : batches) {
            checkpoint = Math.max(checkpoint, batch.checkpointLsn());
            batch.runs().forEach(run -> byRun.computeIfAbsent(run.uuid(), uuid -> new ArrayList<>()).add(run));
        }
        Set<String> done = new HashSet<>();
        for (Map.Entry<String, List<RunWrite>> run : byRun.entrySet()) {
            List<RunWrite> writes = run.getValue();
            try {
                store.write(journal.journalId(), List.of(new PendingWrites.Batch(0, writes)));
            } catch (SQLException e) {
                if (!DataRefusal.isRefusalOfTheData(e)) {
                    return failed(unwritten(batches, done), e);
                }
                setAside.setAside(writes.get(writes.size() - 1), e);
            } catch (RuntimeException e) {
                return failed(unwritten(batches, done), e);
            }
            // A set-aside run is done with too: MySQL will never hold it, so the recorder need not keep it for MySQL.
            recorder.stored(writes);
            done.add(run.getKey());
        }
        List<PendingWrites.Batch> checkpointOnly = List.of(new PendingWrites.Batch(checkpoint, List.of()));
        try {
            if (checkpoint > 0) {
                checkpointed(store.write(journal.journalId(), checkpointOnly));
            }
        } catch (SQLException | RuntimeException e) {
            return failed(checkpointOnly, e);
        }
        succeeded(batches.size());
        return true;
    }

    /** The batches without the writes of runs set aside, which are not tried again (their checkpoints stay). */
    private List<PendingWrites.Batch> withoutSetAsideRuns(List<PendingWrites.Batch> batches) {
        List<PendingWrites.Batch> kept = new ArrayList<>(batches.size());
        for (PendingWrites.Batch batch : batches) {
            if (batch.runs().stream().noneMatch(run -> setAside.contains(run.uuid()))) {
                kept.add(batch);
                continue;
            }
            List<RunWrite> dropped = batch.runs().stream().filter(run -> setAside.contains(run.uuid())).toList();
            recorder.stored(dropped);
            kept.add(new PendingWrites.Batch(batch.checkpointLsn(),
                    batch.runs().stream().filter(run -> !setAside.contains(run.uuid())).toList()));
        }
        return kept;
    }

    private static List<PendingWrites.Batch> unwritten(List<PendingWrites.Batch> batches, Set<String> written) {
        return batches.stream()
                .map(batch -> new PendingWrites.Batch(batch.checkpointLsn(),
                        batch.runs().stream().filter(run -> !written.contains(run.uuid())).toList()))
                .toList();
    }

    private void checkpointed(long checkpoint) {
        if (checkpoint > 0) {
            journal.journal().reclaimThrough(checkpoint);
        }
    }

    private void succeeded(int batches) {
        if (lastWriteFailed) {
            LOG.info("MySQL is back: wrote {} pending batches", batches);
        }
        lastWriteFailed = false;
    }

    /**
     * Keeps what could not be written; reported once until a write succeeds again (or fails differently). MySQL being unreachable is
     * expected now and then and told in a line; any other failure is not, and comes with its stack trace.
     */
    private boolean failed(List<PendingWrites.Batch> unwritten, Exception e) {
        pending.giveBack(unwritten);
        if (!lastWriteFailed || !e.getClass().equals(lastFailure)) {
            if (DataRefusal.isConnectionFailure(e) || DataRefusal.isConnectionFailure(e.getCause())) {
                LOG.warn("cannot reach MySQL ({}); {} batches stay pending in the journal and are retried",
                        e.getMessage(), unwritten.size());
            } else {
                LOG.error("cannot write runs to MySQL; {} batches stay pending in the journal and are retried",
                        unwritten.size(), e);
            }
        }
        lastWriteFailed = true;
        lastFailure = e.getClass();
        return false;
    }

    public boolean isBehind() {
        return lastWriteFailed;
    }

    @PreDestroy
    void stop() {
        single.shutdown();
    }
}
