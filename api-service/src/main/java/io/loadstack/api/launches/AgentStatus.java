package io.loadstack.api.launches;

import java.util.Set;

/** Where one agent of a launch is. An ended agent never changes again. */
public enum AgentStatus {
    ASSIGNED, PREPARING, READY, RUNNING, FINISHED, FAILED, LOST;

    public boolean isEnded() {
        return this == FINISHED || this == FAILED || this == LOST;
    }

    boolean canBecome(AgentStatus next) {
        return switch (this) {
            // FINISHED before RUNNING: the agent was told to stand down (a stop before the start).
            case ASSIGNED -> Set.of(PREPARING, FINISHED, FAILED, LOST).contains(next);
            case PREPARING -> Set.of(READY, FINISHED, FAILED, LOST).contains(next);
            case READY -> Set.of(RUNNING, FINISHED, FAILED, LOST).contains(next);
            case RUNNING -> Set.of(FINISHED, FAILED, LOST).contains(next);
            case FINISHED, FAILED, LOST -> false;
        };
    }
}
