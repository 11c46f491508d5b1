package io.loadstack.api.verdicts;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A test name no run can have: blank, or longer than a run's name may be. */
public final class BadTestNameException extends RuntimeException {

    BadTestNameException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<BadTestNameException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
