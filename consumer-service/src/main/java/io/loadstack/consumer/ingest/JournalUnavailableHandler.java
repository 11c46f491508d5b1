package io.loadstack.consumer.ingest;

import io.loadstack.consumer.journal.JournalUnavailableException;
import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The journal cannot write (disk full or failing, or not started): the server's condition and retryable,
 * so 503 with Retry-After. The journal thread has logged the cause with its stack trace.
 */
@Produces
@Singleton
public class JournalUnavailableHandler implements ExceptionHandler<JournalUnavailableException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, JournalUnavailableException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Ingestion.RETRY_AFTER_SECONDS)
                .body(ErrorBody.of(503, "the journal cannot take data now; retry later"));
    }
}
