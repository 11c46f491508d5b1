package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turning off a second factor needs the password too, so an unattended session cannot strip it. */
public final class WrongPasswordException extends RuntimeException {

    WrongPasswordException() {
        super("the password is wrong");
    }

    @Singleton
    static final class Handler implements ExceptionHandler<WrongPasswordException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, WrongPasswordException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.FORBIDDEN).body(ErrorBody.of(403, exception.getMessage()));
        }
    }
}
