package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No file of that name in that plan version. */
public final class NoSuchPlanFileException extends RuntimeException {

    NoSuchPlanFileException(long plan, int version, String name) {
        super("plan " + plan + " version " + version + " has no file named '" + name + "'");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchPlanFileException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
