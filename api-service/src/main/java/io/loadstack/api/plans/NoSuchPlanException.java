package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No plan with that id (or no such version of it). */
public final class NoSuchPlanException extends RuntimeException {

    NoSuchPlanException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchPlanException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
