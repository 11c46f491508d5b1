package io.loadstack.consumer.ingest;

import io.loadstack.consumer.journal.JournalUnavailableException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/**
 * The journal cannot write (disk full or failing, or not started): the server's condition and retryable,
 * so 503 with Retry-After. The journal thread has logged the cause with its stack trace.
 */
@Produces
@Singleton
public class JournalUnavailableHandler extends RefusalHandler<JournalUnavailableException> {

    public JournalUnavailableHandler() {
        super(HttpStatus.SERVICE_UNAVAILABLE, Ingestion.RETRY_AFTER_SECONDS);
    }

    @Override
    String message(JournalUnavailableException exception) {
        return "the journal cannot take data now; retry later";
    }
}
