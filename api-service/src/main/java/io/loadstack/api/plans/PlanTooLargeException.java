package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** An upload above one of the plan limits (PlanSettings). */
public final class PlanTooLargeException extends RuntimeException {

    PlanTooLargeException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<PlanTooLargeException> {
        Handler() {
            super(HttpStatus.REQUEST_ENTITY_TOO_LARGE);
        }
    }
}
