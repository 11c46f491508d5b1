package io.loadstack.agent.heartbeat;

/** Sends one heartbeat and waits for its outcome (the long-poll included). */
@FunctionalInterface
public interface Heartbeat {

    HeartbeatOutcome send() throws InterruptedException;
}
