package io.loadstack.consumer.recording;

import io.loadstack.consumer.journal.Journal;
import io.loadstack.consumer.journal.JournalEntry;
import io.loadstack.consumer.journal.JournalSettings;
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

    public CompletableFuture<Outcome> submit(Object event) {
        byte type = typeOf(event);
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
        try {
            return switch (entry.type()) {
                case RunEvents.REGISTERED -> recorder.registered(entry.lsn(), json.readValue(entry.payload(), RunEvents.Registered.class));
                case RunEvents.STATS -> recorder.stats(entry.lsn(), json.readValue(entry.payload(), RunEvents.Stats.class));
                case RunEvents.COMMITTED -> recorder.committed(entry.lsn(), json.readValue(entry.payload(), RunEvents.Committed.class));
                case RunEvents.INTERVAL_CLOSED -> recorder.intervalClosed(entry.lsn(), json.readValue(entry.payload(), RunEvents.IntervalClosed.class));
                case RunEvents.INFLUX_SAMPLES -> recorder.influxSamples(entry.lsn(), json.readValue(entry.payload(), RunEvents.InfluxSamples.class));
                default -> throw new IllegalStateException("unknown journal entry type " + entry.type() + " at lsn " + entry.lsn());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry " + entry.lsn() + " cannot be decoded", e);
        }
    }

    private static byte typeOf(Object event) {
        if (event instanceof RunEvents.Registered) {
            return RunEvents.REGISTERED;
        } else if (event instanceof RunEvents.Stats) {
            return RunEvents.STATS;
        } else if (event instanceof RunEvents.Committed) {
            return RunEvents.COMMITTED;
        } else if (event instanceof RunEvents.IntervalClosed) {
            return RunEvents.INTERVAL_CLOSED;
        } else if (event instanceof RunEvents.InfluxSamples) {
            return RunEvents.INFLUX_SAMPLES;
        }
        throw new IllegalArgumentException("not a run event: " + event);
    }

    @PreDestroy
    void close() {
        journal.close();
    }
}
