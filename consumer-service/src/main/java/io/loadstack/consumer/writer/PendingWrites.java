package io.loadstack.consumer.writer;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run states the journal thread has produced and MySQL does not have yet, in journal order. A batch
 * from an interval tick carries the checkpoint: once it is written, the journal up to that entry may go.
 */
@Singleton
public class PendingWrites {

    /** @param checkpointLsn the tick's lsn, or 0 for a single run's write (register, commit) */
    public record Batch(long checkpointLsn, List<RunWrite> runs) {
    }

    private final List<Batch> batches = new ArrayList<>();

    public synchronized void add(Batch batch) {
        Map<String, RunWrite> superseding = new HashMap<>();
        batch.runs().forEach(run -> superseding.put(run.uuid(), run));
        // Newest first, so that a newer endpoint total is kept over an older one.
        for (int i = batches.size() - 1; i >= 0; i--) {
            Batch earlier = batches.get(i);
            List<RunWrite> trimmed = earlier.runs().stream().map(run -> {
                RunWrite later = superseding.get(run.uuid());
                if (later == null || run.isRecordsOnly()) {
                    return run;
                }
                later.takeOverTotals(run);
                return run.recordsOnly();
            }).toList();
            batches.set(i, new Batch(earlier.checkpointLsn(), trimmed));
        }
        batches.add(batch);
    }

    /** Takes everything pending; the caller writes it in one transaction or gives it back. */
    public synchronized List<Batch> takeAll() {
        List<Batch> all = new ArrayList<>(batches);
        batches.clear();
        return all;
    }

    /**
     * Puts back what could not be written, ahead of anything produced meanwhile, which then supersedes it as
     * {@link #add} does: whatever is pending holds at most one full write per run, with all its unwritten totals.
     */
    public synchronized void giveBack(List<Batch> unwritten) {
        List<Batch> meanwhile = new ArrayList<>(batches);
        batches.clear();
        unwritten.forEach(this::add);
        meanwhile.forEach(this::add);
    }

    public synchronized int size() {
        return batches.size();
    }
}
