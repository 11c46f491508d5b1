package io.loadstack.consumer.ingest;

/** No run has this uuid (or it is not one a generator may still write to). */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String message) {
        super(message, null, false, false);
    }
}
