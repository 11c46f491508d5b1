package io.loadstack.consumer.ingest;

/**
 * Whether a run exists cannot be known now: it is not in memory and MySQL, which would know, cannot be
 * reached. Retryable, unlike a 404, which would tell a generator to give up on a run that may exist.
 */
public class RunsUnavailableException extends RuntimeException {

    public RunsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
