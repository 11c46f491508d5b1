package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A plan upload whose form parts are missing, unknown or not what they should be. */
public final class BadPlanUploadException extends RuntimeException {

    BadPlanUploadException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<BadPlanUploadException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
