package io.loadstack.api.notifications;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of notification, by the names channels subscribe with and {@code X-Loadstack-Event} carries. */
public enum EventType {
    RUN_STARTED("run.started"),
    RUN_FINISHED("run.finished"),
    THRESHOLD_FAILED("threshold.failed"),
    REGRESSION_FOUND("regression.found"),
    LAUNCH_FAILED("launch.failed"),
    AGENT_LOST("agent.lost"),
    /** A message an admin asked for to check a channel; delivered to that channel only, never subscribed to. */
    PING("ping");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The names a channel may subscribe to, in a stable order. */
    public static List<String> subscribable() {
        return Arrays.stream(values()).filter(t -> t != PING).map(EventType::wireName).toList();
    }

    static Optional<EventType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t != PING && t.wireName.equals(name)).findFirst();
    }
}
