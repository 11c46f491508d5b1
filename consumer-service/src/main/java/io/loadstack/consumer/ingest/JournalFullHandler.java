package io.loadstack.consumer.ingest;

import io.loadstack.consumer.journal.JournalFullException;
import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A full journal is back-pressure, not a failure: 503 with Retry-After, so generators retry later. */
@Produces
@Singleton
public class JournalFullHandler implements ExceptionHandler<JournalFullException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, JournalFullException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Ingestion.RETRY_AFTER_SECONDS)
                .body(ErrorBody.of(503, "ingestion is paused: too much data is waiting for MySQL; retry later"));
    }
}
