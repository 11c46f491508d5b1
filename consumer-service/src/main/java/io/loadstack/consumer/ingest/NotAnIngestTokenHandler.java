package io.loadstack.consumer.ingest;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A login where an ingest token belongs is 403: signed in, but not allowed to ingest. */
@Produces
@Singleton
public class NotAnIngestTokenHandler implements ExceptionHandler<NotAnIngestTokenException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, NotAnIngestTokenException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.FORBIDDEN).body(ErrorBody.of(403, exception.getMessage()));
    }
}
