package io.loadstack.api.verdicts;

import io.loadstack.api.launches.Launches;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Stops a running launch asked to abort on a failed threshold once its run's live verdict has failed. Every
 * replica checks; a stop is idempotent, so two replicas stopping one launch change nothing. It lives with
 * the verdicts, which read launches, so that launches need not know about verdicts.
 */
@Singleton
class AbortOnFailedThreshold {

    private static final Logger LOG = LoggerFactory.getLogger(AbortOnFailedThreshold.class);

    private final Launches launches;
    private final Verdicts verdicts;

    AbortOnFailedThreshold(Launches launches, Verdicts verdicts) {
        this.launches = launches;
        this.verdicts = verdicts;
    }

    @Scheduled(fixedDelay = "2s", initialDelay = "2s")
    void check() {
        try {
            for (Launches.AbortWatch watched : launches.watchedForAbort()) {
                List<String> failed = verdicts.liveFailures(watched.runUuid());
                if (!failed.isEmpty()) {
                    String failure = String.join("; ", failed);
                    LOG.info("launch {}: a threshold failed on a live record ({}); stopping it (abortOnFail)",
                            watched.id(), failure);
                    launches.abortOnFailedThreshold(watched.id(), "a threshold failed: " + failure);
                }
            }
        } catch (RuntimeException e) {
            // the next tick tries again; a database outage must not end the schedule
            LOG.error("checking the launches that abort on a failed threshold failed", e);
        }
    }
}
