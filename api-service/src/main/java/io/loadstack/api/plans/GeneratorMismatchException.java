package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A new version for another generator than its plan's: that is another plan. */
public final class GeneratorMismatchException extends RuntimeException {

    GeneratorMismatchException(Generator plan, Generator upload) {
        super("this plan runs with " + plan.wireName() + ", not " + upload.wireName() + ": upload a new plan for " + upload.wireName());
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<GeneratorMismatchException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
