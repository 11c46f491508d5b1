package io.loadstack.agent.heartbeat;

import java.time.Duration;

/** Waits between two attempts; {@code Thread::sleep} outside tests. */
@FunctionalInterface
public interface Pause {

    void sleep(Duration duration) throws InterruptedException;

    static Pause threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
