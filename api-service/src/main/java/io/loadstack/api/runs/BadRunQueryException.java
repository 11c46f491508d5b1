package io.loadstack.api.runs;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A filter or run id in the URL that cannot be read; the message says what to send instead. */
public final class BadRunQueryException extends RuntimeException {

    public BadRunQueryException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<BadRunQueryException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
