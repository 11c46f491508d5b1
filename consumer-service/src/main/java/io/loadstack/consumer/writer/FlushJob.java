package io.loadstack.consumer.writer;

import io.loadstack.consumer.recording.RecordingJournal;
import io.loadstack.consumer.recording.RunEvents;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * The writer's clock: every LOADSTACK_FLUSH_INTERVAL (15 s) it closes the current interval of every
 * running run — through the journal, so that a replay cuts intervals at the same instants — and writes
 * the records to MySQL.
 */
@Singleton
public class FlushJob {

    private static final Logger LOG = LoggerFactory.getLogger(FlushJob.class);

    private final RecordingJournal journal;
    private final RunWriter writer;

    public FlushJob(RecordingJournal journal, RunWriter writer) {
        this.journal = journal;
        this.writer = writer;
    }

    @Scheduled(fixedRate = "${loadstack.flush-interval:15s}", initialDelay = "${loadstack.flush-interval:15s}")
    void tick() {
        if (!journal.isStarted()) {
            return;
        }
        try {
            flushNow();
        } catch (Exception e) {
            LOG.warn("interval tick failed: {}", e.toString());
        }
    }

    /** Closes the interval now and writes it; @return whether MySQL has it */
    public boolean flushNow() throws Exception {
        journal.submit(new RunEvents.IntervalClosed(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .get(30, TimeUnit.SECONDS);
        return writer.writeSoon().get(60, TimeUnit.SECONDS);
    }
}
