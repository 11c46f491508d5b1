package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An mfa_token that is unknown, expired, used, worn out by wrong codes, or for the other step. */
public final class MfaChallengeInvalidException extends RuntimeException {

    MfaChallengeInvalidException() {
        super("the sign-in step expired or was already used; sign in again with your password");
    }

    @Singleton
    static final class Handler implements ExceptionHandler<MfaChallengeInvalidException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, MfaChallengeInvalidException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.UNAUTHORIZED)
                    .body(ErrorBody.of(HttpStatus.UNAUTHORIZED.getCode(), exception.getMessage()));
        }
    }
}
