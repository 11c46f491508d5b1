package io.loadstack.agent.generator;

import java.time.Duration;

/**
 * A generator as seen by an agent whose clock is put off on purpose ({@code LOADSTACK_AGENT_CLOCK_ERROR_MS}, a
 * benchmark's knob). On a machine whose clock is really wrong the generator's process reads the same wrong clock
 * as the agent; here it reads the true one, so the instants crossing between them are shifted by the error to
 * behave as that machine would.
 */
public final class OffsetClockGenerator implements Generator {

    private final Generator generator;
    private final long errorMillis;

    public OffsetClockGenerator(Generator generator, Duration error) {
        this.generator = generator;
        this.errorMillis = error.toMillis();
    }

    @Override
    public String prepare(GeneratorOutput output) throws GeneratorFailedException, InterruptedException {
        return generator.prepare(new GeneratorOutput() {
            @Override
            public void logLine(String line) {
                output.logLine(line);
            }

            @Override
            public void firstRequest(long localEpochMillis) {
                output.firstRequest(localEpochMillis + errorMillis);
            }

            @Override
            public void counts(long requests, long failures) {
                output.counts(requests, failures);
            }
        });
    }

    @Override
    public void startAt(long localEpochMillis) {
        generator.startAt(localEpochMillis - errorMillis);
    }

    @Override
    public void stop(Duration grace) {
        generator.stop(grace);
    }

    @Override
    public GeneratorResult awaitEnd() throws GeneratorFailedException, InterruptedException {
        return generator.awaitEnd();
    }

    @Override
    public void close() {
        generator.close();
    }
}
