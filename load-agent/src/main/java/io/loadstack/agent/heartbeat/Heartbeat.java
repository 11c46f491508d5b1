package io.loadstack.agent.heartbeat;

/** Sends one heartbeat and waits for its outcome. */
@FunctionalInterface
public interface Heartbeat {

    /**
     * @param longPoll whether Loadstack may hold the heartbeat until a command waits or its wait runs out; without,
     *                 it answers at once
     */
    HeartbeatOutcome send(boolean longPoll) throws InterruptedException;
}
