package io.loadstack.dashboard.history;

import io.loadstack.dashboard.config.DashboardSettings;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes samples and events older than {@code LOADSTACK_DASHBOARD_RETENTION} (7 days by default). At one
 * sample per target every 2 s a week is about 300,000 rows per target; without this the table only grows.
 */
@Singleton
public class RetentionCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionCleanup.class);

    private final SampleRepository samples;
    private final EventRepository events;
    private final Duration retention;

    public RetentionCleanup(SampleRepository samples, EventRepository events, DashboardSettings settings) {
        this.samples = samples;
        this.events = events;
        this.retention = settings.retention();
    }

    @Scheduled(fixedDelay = "${loadstack.dashboard.cleanup-interval:10m}", initialDelay = "30s")
    public void run() {
        Instant cutoff = Instant.now().minus(retention);
        try {
            long deletedSamples = 0;
            int batch;
            do {
                batch = samples.deleteOlderThan(cutoff);
                deletedSamples += batch;
            } while (batch > 0);
            long deletedEvents = 0;
            do {
                batch = events.deleteOlderThan(cutoff);
                deletedEvents += batch;
            } while (batch > 0);
            if (deletedSamples + deletedEvents > 0) {
                LOG.info("retention {}: deleted {} samples and {} events older than {}", retention, deletedSamples,
                        deletedEvents, cutoff);
            }
        } catch (RuntimeException e) {
            // The database may be down right now; the next run catches up.
            LOG.warn("retention cleanup failed: {}", e.toString());
        }
    }
}
