package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Confirming needs an enrollment begun first (and not confirmed since). */
public final class NoPendingEnrollmentException extends RuntimeException {

    NoPendingEnrollmentException() {
        super("no second factor is being set up; start again");
    }

    @Singleton
    static final class Handler implements ExceptionHandler<NoPendingEnrollmentException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, NoPendingEnrollmentException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.CONFLICT)
                    .body(ErrorBody.of(HttpStatus.CONFLICT.getCode(), exception.getMessage()));
        }
    }
}
