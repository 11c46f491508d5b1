package io.loadstack.agent.plan;

/**
 * A plan file could not be had as its assignment describes it: a bad name, an answer that is not the file,
 * bytes whose size or SHA-256 differ, or a disk that would not take it. The message names the file, for the
 * reason an agent reports.
 */
public final class PlanFileException extends RuntimeException {

    public PlanFileException(String message) {
        super(message);
    }

    PlanFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
