package io.loadstack.consumer.writer;

import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.RunRecorder;
import io.loadstack.consumer.runs.RunState;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * At start, before the server takes requests: loads the runs that may still change from MySQL, replays
 * the journal beyond the last checkpoint on top of them, and writes the result. Running runs then
 * resume their 15-second schedule as if nothing happened; acknowledged data is neither lost nor doubled.
 */
@Singleton
public class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final RunStore store;
    private final RunRecorder recorder;
    private final RecordingJournal journal;
    private final RunWriter writer;

    public Recovery(RunStore store, RunRecorder recorder, RecordingJournal journal, RunWriter writer) {
        this.store = store;
        this.recorder = recorder;
        this.journal = journal;
        this.writer = writer;
    }

    @EventListener
    void onStartup(StartupEvent event) throws SQLException {
        long checkpoint = store.checkpoint(journal.journalId());
        var runs = store.loadLiveRuns(checkpoint);
        runs.forEach(recorder::restore);
        recorder.replayingWith(uuid -> {
            try {
                return store.findRun(uuid).map(stored -> new RunState(stored.ownerId(), stored.status()));
            } catch (SQLException e) {
                throw new IllegalStateException("run " + uuid + " cannot be looked up while replaying the journal", e);
            }
        });
        try {
            journal.recoverAndStart(checkpoint);
        } finally {
            recorder.replayed();
        }
        LOG.info("journal {} recovered from checkpoint {}: {} runs restored, {} running", journal.journalId(),
                checkpoint, runs.size(), recorder.runningCount());
        writer.writeSoon().join();
    }
}
