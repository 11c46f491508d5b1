package io.loadstack.api.launches;

import java.util.Set;

/** Where a launch is; the arrows are in api-service/README.md ("Launches"). */
public enum LaunchStatus {
    PENDING, PREPARING, STARTING, RUNNING, STOPPING, COMPLETED, STOPPED, FAILED;

    public boolean isEnded() {
        return this == COMPLETED || this == STOPPED || this == FAILED;
    }

    /** Before the start is scheduled: the agents are still getting ready. */
    boolean isBeforeStart() {
        return this == PENDING || this == PREPARING;
    }

    boolean canBecome(LaunchStatus next) {
        return switch (this) {
            case PENDING -> Set.of(PREPARING, STARTING, FAILED, STOPPED).contains(next);
            case PREPARING -> Set.of(STARTING, FAILED, STOPPED).contains(next);
            case STARTING -> Set.of(RUNNING, STOPPING, STOPPED, COMPLETED, FAILED).contains(next);
            case RUNNING -> Set.of(STOPPING, COMPLETED, FAILED).contains(next);
            case STOPPING -> next == STOPPED;
            case COMPLETED, STOPPED, FAILED -> false;
        };
    }
}
