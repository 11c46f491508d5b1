package io.loadstack.api.targets;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A launch whose target is not on the allowed targets: 403, naming the target and who can allow it. */
public final class TargetNotAllowedException extends RuntimeException {

    TargetNotAllowedException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<TargetNotAllowedException> {
        Handler() {
            super(HttpStatus.FORBIDDEN);
        }
    }
}
