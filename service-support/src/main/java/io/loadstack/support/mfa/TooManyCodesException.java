package io.loadstack.support.mfa;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Too many wrong codes for this user or from this address: 429 with Retry-After, like wrong passwords. */
public final class TooManyCodesException extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyCodesException(Duration wait) {
        this(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private TooManyCodesException(long seconds) {
        super("too many wrong codes; try again in " + seconds + " s");
        this.retryAfterSeconds = seconds;
    }

    @Singleton
    static final class Handler implements ExceptionHandler<TooManyCodesException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, TooManyCodesException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(exception.retryAfterSeconds))
                    .body(ErrorBody.of(429, exception.getMessage()));
        }
    }
}
