package io.loadstack.consumer.ingest;

import io.loadstack.consumer.journal.JournalFullException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** A full journal is back-pressure, not a failure: 503 with Retry-After, so generators retry later. */
@Produces
@Singleton
public class JournalFullHandler extends RefusalHandler<JournalFullException> {

    public JournalFullHandler() {
        super(HttpStatus.SERVICE_UNAVAILABLE, Ingestion.RETRY_AFTER_SECONDS);
    }

    @Override
    String message(JournalFullException exception) {
        return "ingestion is paused: too much data is waiting for MySQL; retry later";
    }
}
