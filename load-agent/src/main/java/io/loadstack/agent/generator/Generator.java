package io.loadstack.agent.generator;

import java.time.Duration;

/**
 * One share of a launch run by a generator process (JMeter through the agent's driver, or Locust). The
 * agent calls {@link #prepare} once, then {@link #startAt} once, then waits in {@link #awaitEnd}; it may
 * call {@link #stop} at any time, from another thread, and {@link #close} always, last. The protocol the
 * process speaks on its output is described in docs/launches.md ("The agent's side").
 */
public interface Generator extends AutoCloseable {

    /**
     * Starts the generator's process and returns once it is initialized (JMeter's test tree loaded, the
     * locustfile imported), without sending any request.
     *
     * @return a short description for the READY report ("JMeter 5.6.3: 2 thread groups, 10 users")
     * @throws GeneratorFailedException with the generator's own message when it cannot get ready
     */
    String prepare(GeneratorOutput output) throws GeneratorFailedException, InterruptedException;

    /** Lets the prepared generator start sending at {@code localEpochMillis}, on this machine's clock. */
    void startAt(long localEpochMillis);

    /** Asks the generator to stop (its own graceful stop) and kills its process after {@code grace}. */
    void stop(Duration grace);

    /**
     * Waits until the process has ended (by its duration, a stop, or a failure) and its last stats are
     * posted.
     *
     * @throws GeneratorFailedException when it ended in failure, with its message
     */
    GeneratorResult awaitEnd() throws GeneratorFailedException, InterruptedException;

    /** Kills whatever is left of the process tree. Idempotent. */
    @Override
    void close();
}
