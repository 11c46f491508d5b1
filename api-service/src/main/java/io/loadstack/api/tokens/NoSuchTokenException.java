package io.loadstack.api.tokens;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No live token with that id among the caller's own (another user's tokens are not found either). */
public final class NoSuchTokenException extends RuntimeException {

    NoSuchTokenException(long id) {
        super("no token " + id);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchTokenException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
