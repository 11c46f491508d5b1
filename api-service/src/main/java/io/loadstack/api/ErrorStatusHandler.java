package io.loadstack.api;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;

/**
 * Answers one domain exception with one status and the exception's message in the shared error body. Each
 * domain exception names its status in a handler of its own, so the services that throw it know nothing of
 * HTTP. Only for failures a client caused or can act on: the message is shown to the client as it is.
 */
public abstract class ErrorStatusHandler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<ErrorBody>> {

    private final HttpStatus status;

    protected ErrorStatusHandler(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, E exception) {
        return HttpResponse.<ErrorBody>status(status).body(ErrorBody.of(status.getCode(), exception.getMessage()));
    }
}
