package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A main file its generator could not load: not a JMeter test plan, or a locustfile that is not text. */
public final class InvalidMainFileException extends RuntimeException {

    InvalidMainFileException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<InvalidMainFileException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
