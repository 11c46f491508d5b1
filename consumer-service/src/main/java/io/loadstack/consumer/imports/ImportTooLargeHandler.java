package io.loadstack.consumer.imports;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An upload beyond the import's bounds is 413. */
@Produces
@Singleton
@Requires(classes = {ImportTooLargeException.class, ExceptionHandler.class})
public class ImportTooLargeHandler implements ExceptionHandler<ImportTooLargeException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ImportTooLargeException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(ErrorBody.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode(), exception.getMessage()));
    }
}
