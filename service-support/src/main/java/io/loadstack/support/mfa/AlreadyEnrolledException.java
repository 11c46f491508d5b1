package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A user has one second factor; a new one replaces it only after the old one is turned off (with password and code). */
public final class AlreadyEnrolledException extends RuntimeException {

    AlreadyEnrolledException() {
        super("a second factor is already set up; turn it off first to set up a new one");
    }

    @Singleton
    static final class Handler implements ExceptionHandler<AlreadyEnrolledException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, AlreadyEnrolledException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT)
                    .body(ErrorBody.of(HttpStatus.CONFLICT.getCode(), exception.getMessage()));
        }
    }
}
