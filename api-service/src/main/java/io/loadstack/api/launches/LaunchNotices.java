package io.loadstack.api.launches;

import io.loadstack.api.notifications.NotificationEvent;
import io.loadstack.api.notifications.Notifier;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the notifications of a launch's committed change: the launch failed, an agent was lost. After the
 * commit, so that a change rolled back (a deadlock retried, a refused report) is never announced.
 */
@Singleton
class LaunchNotices {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchNotices.class);

    private final Notifier notifier;

    LaunchNotices(Notifier notifier) {
        this.notifier = notifier;
    }

    void committed(StoredLaunch stored) {
        Launch launch = stored.launch();
        for (LaunchEvent event : launch.changedSinceRestore()) {
            try {
                if (event instanceof LaunchEvent.StatusChanged changed && changed.to() == LaunchStatus.FAILED) {
                    notifier.publish(new NotificationEvent.LaunchFailed(launch.id(), launch.runUuid(), stored.planName(),
                            changed.at(), changed.reason()));
                } else if (event instanceof LaunchEvent.AgentLost lost) {
                    notifier.publish(new NotificationEvent.AgentLost(lost.agent(), launch.id(), launch.runUuid(),
                            stored.planName(), lost.at(), lost.reason()));
                }
            } catch (RuntimeException e) {
                // The launch's change stands; only this notification is lost.
                LOG.error("launch {}: the notification of {} could not be queued", launch.id(), event, e);
            }
        }
    }
}
