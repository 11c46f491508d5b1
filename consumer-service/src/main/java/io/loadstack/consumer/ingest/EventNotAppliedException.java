package io.loadstack.consumer.ingest;

/**
 * An event was journaled but applying it failed: a bug on the server's side, logged with its stack trace
 * where it happened (the journal thread), so nobody logs it again.
 */
public class EventNotAppliedException extends RuntimeException {

    public EventNotAppliedException(Throwable cause) {
        super("applying an ingested event failed", cause, false, false);
    }
}
