package io.loadstack.consumer.ingest;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A finished run is 409: the request is valid but conflicts with the run's state. */
@Produces
@Singleton
public class RunFinishedHandler implements ExceptionHandler<RunFinishedException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, RunFinishedException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT).body(ErrorBody.of(409, exception.getMessage()));
    }
}
