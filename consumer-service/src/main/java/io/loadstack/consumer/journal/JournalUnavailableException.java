package io.loadstack.consumer.journal;

/** The journal cannot make an entry durable now (it is not running, or the disk failed): retryable. */
public class JournalUnavailableException extends RuntimeException {

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
