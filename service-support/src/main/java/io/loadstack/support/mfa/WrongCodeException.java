package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A wrong, old or replayed code at sign-in: 401 like a wrong password. */
public final class WrongCodeException extends RuntimeException {

    WrongCodeException() {
        super("wrong code");
    }

    @Singleton
    static final class Handler implements ExceptionHandler<WrongCodeException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, WrongCodeException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.UNAUTHORIZED)
                    .body(ErrorBody.of(HttpStatus.UNAUTHORIZED.getCode(), exception.getMessage()));
        }
    }
}
