package io.loadstack.consumer.ingest;

/** The run was registered with another user's ingest token; only that user's tokens may write to it. */
public class RunOfAnotherUserException extends RuntimeException {

    public RunOfAnotherUserException(String message) {
        super(message, null, false, false);
    }
}
