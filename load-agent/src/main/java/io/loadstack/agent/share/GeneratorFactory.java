package io.loadstack.agent.share;

import io.loadstack.agent.generator.Assignment;
import io.loadstack.agent.generator.Generator;
import io.loadstack.agent.generator.GeneratorFailedException;

/** Makes the generator an assignment names ({@code jmeter}, {@code locust}). */
@FunctionalInterface
public interface GeneratorFactory {

    /** @throws GeneratorFailedException when this agent cannot run that generator */
    Generator create(Assignment assignment) throws GeneratorFailedException;
}
