package io.loadstack.api.launches;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Only the user who launched it and admins may stop or re-run a launch. */
public final class LaunchForbiddenException extends RuntimeException {

    LaunchForbiddenException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<LaunchForbiddenException> {
        Handler() {
            super(HttpStatus.FORBIDDEN);
        }
    }
}
