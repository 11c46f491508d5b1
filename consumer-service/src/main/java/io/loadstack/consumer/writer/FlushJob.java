package io.loadstack.consumer.writer;

import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.consumer.runs.RunRecorder;
import io.loadstack.consumer.runs.RunSettings;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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
    private final RunRecorder recorder;
    private final RunSettings settings;
    private final TaskScheduler scheduler;

    public FlushJob(RecordingJournal journal, RunWriter writer, RunRecorder recorder, RunSettings settings,
                    @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.journal = journal;
        this.writer = writer;
        this.recorder = recorder;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    /** Scheduled here rather than by {@code @Scheduled}, whose placeholder would write the default a second time. */
    @EventListener
    void onStartup(StartupEvent event) {
        Duration period = settings.flushInterval();
        scheduler.scheduleAtFixedRate(period, period, this::tick);
    }

    void tick() {
        if (!journal.isStarted()) {
            return;
        }
        try {
            flushNow();
        } catch (Exception e) {
            LOG.error("interval tick failed", e);
        }
    }

    /** Closes the interval now and writes it; @return whether MySQL has it */
    public boolean flushNow() throws Exception {
        long started = System.nanoTime();
        journal.submit(new RunEvent.IntervalClosed(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .get(30, TimeUnit.SECONDS);
        long closed = System.nanoTime();
        boolean written = writer.writeSoon().get(60, TimeUnit.SECONDS);
        long running = recorder.runningCount();
        // One line per tick: how long closing the intervals and writing them took (what bench/ reads).
        if (running > 0) {
            LOG.info("tick: {} running runs, intervals closed in {} ms, written in {} ms{}", running,
                    (closed - started) / 1_000_000, (System.nanoTime() - closed) / 1_000_000, written ? "" : " (MySQL unavailable, kept pending)");
        }
        return written;
    }
}
