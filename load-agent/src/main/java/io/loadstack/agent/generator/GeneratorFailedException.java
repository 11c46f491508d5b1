package io.loadstack.agent.generator;

/** A generator could not prepare or ended in failure; the message is the generator's own, for the user. */
public class GeneratorFailedException extends Exception {

    public GeneratorFailedException(String message) {
        super(message);
    }

    public GeneratorFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
