package io.loadstack.agent.generator;

/** The generator's own final counts, as it saw them (and posted them to the launch's run). */
public record GeneratorResult(long requests, long failures) {
}
