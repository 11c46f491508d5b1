package io.loadstack.api.launches;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No launch with that id. */
public final class NoSuchLaunchException extends RuntimeException {

    NoSuchLaunchException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchLaunchException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
