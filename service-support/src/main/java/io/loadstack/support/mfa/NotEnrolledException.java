package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turning off a second factor that is not there. */
public final class NotEnrolledException extends RuntimeException {

    NotEnrolledException() {
        super("no second factor is set up");
    }

    @Singleton
    static final class Handler implements ExceptionHandler<NotEnrolledException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, NotEnrolledException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT)
                    .body(ErrorBody.of(HttpStatus.CONFLICT.getCode(), exception.getMessage()));
        }
    }
}
