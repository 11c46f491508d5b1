package io.loadstack.consumer.ingest;

/** The run is COMPLETED or ABANDONED (or committed already) and takes no more data. */
public class RunFinishedException extends RuntimeException {

    public RunFinishedException(String message) {
        super(message, null, false, false);
    }
}
