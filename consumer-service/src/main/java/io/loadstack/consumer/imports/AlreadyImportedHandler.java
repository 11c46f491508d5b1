package io.loadstack.consumer.imports;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A log imported twice is 409: the first import stands. */
@Produces
@Singleton
@Requires(classes = {AlreadyImportedException.class, ExceptionHandler.class})
public class AlreadyImportedHandler implements ExceptionHandler<AlreadyImportedException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, AlreadyImportedException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT).body(ErrorBody.of(HttpStatus.CONFLICT.getCode(), exception.getMessage()));
    }
}
