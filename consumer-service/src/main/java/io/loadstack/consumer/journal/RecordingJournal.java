package io.loadstack.consumer.journal;

import io.loadstack.consumer.runs.Outcome;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.consumer.runs.RunRecorder;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * The ingestion path's single door: an event is encoded, made durable in the journal, applied to the
 * {@link RunRecorder} in journal order, and only then answered. Replay at start goes through the same
 * {@link #apply} so that recovery and normal operation cannot disagree.
 */
@Singleton
public class RecordingJournal {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordingJournal.class);

    private final Journal journal;
    private final RunRecorder recorder;
    private final JsonMapper json;

    public RecordingJournal(JournalSettings settings, RunRecorder recorder, JsonMapper json) {
        this.journal = new Journal(settings);
        this.recorder = recorder;
        this.json = json;
    }

    public String journalId() {
        return journal.id();
    }

    public Journal journal() {
        return journal;
    }

    public CompletableFuture<Outcome> submit(RunEvent event) {
        byte type = EntryType.of(event).code;
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return journal.append(type, payload).thenApply(Outcome.class::cast);
    }

    /** Replays what the journal holds beyond the checkpoint, then opens it for new entries. */
    public void recoverAndStart(long checkpoint) {
        journal.replay(checkpoint, entry -> {
            try {
                apply(entry);
            } catch (RuntimeException e) {
                // One entry that cannot be applied must not keep the service from ever starting again.
                LOG.error("journal entry {} (type {}) cannot be applied and is skipped", entry.lsn(), entry.type(), e);
            }
        });
        journal.start(this::apply);
    }

    public boolean isStarted() {
        return journal.isRunning();
    }

    Outcome apply(JournalEntry entry) {
        EntryType type = EntryType.of(entry.type());
        if (type == null) {
            throw new IllegalStateException("unknown journal entry type " + entry.type() + " at lsn " + entry.lsn());
        }
        RunEvent event;
        try {
            event = json.readValue(entry.payload(), type.events);
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry " + entry.lsn() + " cannot be decoded", e);
        }
        return recorder.apply(entry.lsn(), event);
    }

    /** How each event is tagged in the journal: these bytes are on disk, so they never change. */
    private enum EntryType {
        REGISTERED(1, RunEvent.Registered.class),
        STATS(2, RunEvent.Stats.class),
        COMMITTED(3, RunEvent.Committed.class),
        INTERVAL_CLOSED(4, RunEvent.IntervalClosed.class),
        INFLUX_SAMPLES(5, RunEvent.InfluxSamples.class),
        IMPORTED(6, RunEvent.Imported.class);

        private static final EntryType[] ALL = values();

        private final byte code;
        private final Class<? extends RunEvent> events;

        EntryType(int code, Class<? extends RunEvent> events) {
            this.code = (byte) code;
            this.events = events;
        }

        static EntryType of(byte code) {
            for (EntryType type : ALL) {
                if (type.code == code) {
                    return type;
                }
            }
            return null;
        }

        static EntryType of(RunEvent event) {
            for (EntryType type : ALL) {
                if (type.events.isInstance(event)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("no journal entry type for " + event.getClass());
        }
    }

    @PreDestroy
    void close() {
        journal.close();
    }
}
