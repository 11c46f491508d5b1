package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A file name an agent could not safely write into its work directory. */
public final class UnsafeFileNameException extends RuntimeException {

    UnsafeFileNameException(String name, String reason) {
        super("file name '" + name + "' is not allowed: " + reason);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<UnsafeFileNameException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
