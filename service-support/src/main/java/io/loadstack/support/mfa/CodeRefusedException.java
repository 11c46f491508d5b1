package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A wrong or replayed code where a signed-in user confirms or turns off a factor: 403, so the page does not take it for an expired session. */
public final class CodeRefusedException extends RuntimeException {

    CodeRefusedException() {
        super("the code is wrong or was already used");
    }

    @Singleton
    static final class Handler implements ExceptionHandler<CodeRefusedException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, CodeRefusedException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.FORBIDDEN)
                    .body(ErrorBody.of(HttpStatus.FORBIDDEN.getCode(), exception.getMessage()));
        }
    }
}
