package io.loadstack.consumer.ingest;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An unknown run is 404: the generator posts to a uuid no register returned. */
@Produces
@Singleton
public class RunNotFoundHandler implements ExceptionHandler<RunNotFoundException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, RunNotFoundException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.NOT_FOUND).body(ErrorBody.of(404, exception.getMessage()));
    }
}
