package io.loadstack.api.launches;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** The plan exists but has no such version. */
public final class NoSuchPlanVersionException extends RuntimeException {

    NoSuchPlanVersionException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchPlanVersionException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
