package io.loadstack.api.runs.retention;

import io.loadstack.api.storage.NamedLocks;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Deletes finished runs older than {@code LOADSTACK_RUN_RETENTION}, but pinned runs and baselines, every
 * {@code LOADSTACK_RETENTION_INTERVAL}. Every replica schedules it; a named lock lets one at a time work, and
 * the others skip that turn. Made at startup, so that a setting it cannot read stops the service there.
 */
@Context
public class RunRetention {

    private static final Logger LOG = LoggerFactory.getLogger(RunRetention.class);
    static final String LOCK = "loadstack_retention";
    private static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

    private final RetentionSettings settings;
    private final ExpiredRuns expired;
    private final NamedLocks locks;
    private final TaskScheduler scheduler;
    private volatile boolean stopping;
    private ScheduledFuture<?> schedule;

    RunRetention(RetentionSettings settings, ExpiredRuns expired, NamedLocks locks,
                 @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.settings = settings;
        this.expired = expired;
        this.locks = locks;
        this.scheduler = scheduler;
    }

    @PostConstruct
    void start() {
        Optional<RetentionAge> age = settings.age();
        if (age.isEmpty()) {
            LOG.info("retention: off (LOADSTACK_RUN_RETENTION is not set), every run is kept");
            return;
        }
        Duration interval = settings.retentionInterval();
        Duration first = interval.compareTo(FIRST_RUN_AFTER) < 0 ? interval : FIRST_RUN_AFTER;
        LOG.info("retention: finished runs older than {} are deleted every {}, but pinned runs and baselines", age.get(), interval);
        schedule = scheduler.scheduleWithFixedDelay(first, interval, () -> tick(age.get()));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void tick(RetentionAge age) {
        try {
            deleteExpired(age);
        } catch (RuntimeException e) {
            LOG.error("retention failed; it runs again in {}", settings.retentionInterval(), e);
        }
    }

    /**
     * One pass: deletes the runs that are older than {@code age} now, in batches.
     *
     * @return what it did; empty when another replica (or another call) holds the lock and does the work
     */
    public Optional<RetentionReport> deleteExpired(RetentionAge age) {
        Optional<NamedLocks.Held> lock = locks.tryAcquire(LOCK);
        if (lock.isEmpty()) {
            LOG.debug("retention: another replica is at work, skipping this turn");
            return Optional.empty();
        }
        try (NamedLocks.Held held = lock.get()) {
            ExpiredRuns.Tables tables = expired.tables();
            if (!tables.runs()) {
                LOG.info("retention: no runs table yet (the consumer-service makes it at its first start)");
                return Optional.of(RetentionReport.NOTHING);
            }
            Instant cutoff = Instant.now().minus(age.duration());
            int deleted = 0;
            String after = "";
            List<String> batch;
            do {
                batch = expired.batch(tables, cutoff, after, settings.retentionBatchSize());
                for (String uuid : batch) {
                    if (stopping) {
                        LOG.info("retention: stopped by the shutdown after deleting {} runs older than {}", deleted, age);
                        return Optional.of(new RetentionReport(deleted, 0, 0));
                    }
                    if (expired.delete(tables, uuid, cutoff)) {
                        deleted++;
                    }
                }
                if (!batch.isEmpty()) {
                    after = batch.get(batch.size() - 1);
                }
            } while (batch.size() == settings.retentionBatchSize());
            ExpiredRuns.Kept kept = expired.kept(tables, cutoff);
            RetentionReport report = new RetentionReport(deleted, kept.pinned(), kept.baselines());
            LOG.info("retention: {}", report.describe(age));
            return Optional.of(report);
        }
    }
}
