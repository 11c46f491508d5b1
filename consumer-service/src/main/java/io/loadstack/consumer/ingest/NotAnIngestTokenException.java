package io.loadstack.consumer.ingest;

/** The request is signed in with a login, not an ingest token: ingestion needs to know whose run it writes to. */
public class NotAnIngestTokenException extends RuntimeException {

    public NotAnIngestTokenException(String message) {
        super(message, null, false, false);
    }
}
