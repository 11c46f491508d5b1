package io.loadstack.consumer.imports;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An upload that is not a readable Gatling run is 400. */
@Produces
@Singleton
@Requires(classes = {ImportRefusedException.class, ExceptionHandler.class})
public class ImportRefusedHandler implements ExceptionHandler<ImportRefusedException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, ImportRefusedException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.BAD_REQUEST).body(ErrorBody.of(HttpStatus.BAD_REQUEST.getCode(), exception.getMessage()));
    }
}
