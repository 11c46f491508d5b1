package io.loadstack.consumer.ingest;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** What the client sent cannot be ingested: 400 with the field and the reason. */
@Produces
@Singleton
public class BadIngestRequestHandler implements ExceptionHandler<BadIngestRequestException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, BadIngestRequestException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.BAD_REQUEST).body(ErrorBody.of(400, exception.getMessage()));
    }
}
