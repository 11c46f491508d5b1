package io.loadstack.agent.generator;

/** What a generator tells the agent while it runs; called from the generator's output-reading thread. */
public interface GeneratorOutput {

    /** A line of the generator's own output (not a protocol line), to ship with the next report. */
    void logLine(String line);

    /** The first request left at {@code localEpochMillis}, on this machine's clock. */
    void firstRequest(long localEpochMillis);

    /** The generator's own cumulative counts so far. */
    void counts(long requests, long failures);
}
