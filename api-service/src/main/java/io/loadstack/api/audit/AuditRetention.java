package io.loadstack.api.audit;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * Deletes audit rows older than {@code LOADSTACK_AUDIT_RETENTION}, a minute after the start and then hourly.
 * Every replica does it; a DELETE by age is the same work whichever replica does it, so no lock is needed.
 * Made at startup, so that a setting it cannot read stops the service there.
 */
@Context
public class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);
    private static final Duration FIRST = Duration.ofMinutes(1);
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final int BATCH = 10_000;

    private final AuditSettings settings;
    private final AuditLog log;
    private final TaskScheduler scheduler;
    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> schedule;

    AuditRetention(AuditSettings settings, AuditLog log, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.settings = settings;
        this.log = log;
        this.scheduler = scheduler;
    }

    @PostConstruct
    void start() {
        LOG.info("audit log: rows older than {} are deleted hourly", settings.auditRetention());
        schedule = scheduler.scheduleWithFixedDelay(FIRST, INTERVAL, this::tick);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void tick() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.error("purging the audit log failed; it is tried again in {}", INTERVAL, e);
        }
    }

    /** @return how many rows were deleted */
    public long purge() {
        Instant before = clock.instant().minus(settings.auditRetention());
        long deleted = 0;
        int batch;
        do {
            batch = log.purgeBefore(before, BATCH);
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            LOG.info("audit log: {} rows older than {} deleted", deleted, before);
        }
        return deleted;
    }
}
