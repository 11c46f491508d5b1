package io.loadstack.api.launches;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** An agent reported on a launch it has no share of (or under another agent token than its own). */
public final class NoSuchShareException extends RuntimeException {

    NoSuchShareException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchShareException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
