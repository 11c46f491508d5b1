package io.loadstack.consumer.ingest;

/** A body or parameter that cannot be ingested as sent; the message says which field and why. */
public class BadIngestRequestException extends RuntimeException {

    public BadIngestRequestException(String message) {
        super(message, null, false, false);
    }
}
