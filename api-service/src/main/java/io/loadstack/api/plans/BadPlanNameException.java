package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A plan name that is blank, too long or not printable. */
public final class BadPlanNameException extends RuntimeException {

    BadPlanNameException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<BadPlanNameException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
