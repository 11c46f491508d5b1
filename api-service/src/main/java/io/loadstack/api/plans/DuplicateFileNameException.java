package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Two files of one version with the same name: an agent could keep only one. */
public final class DuplicateFileNameException extends RuntimeException {

    DuplicateFileNameException(String name) {
        super("two files are named '" + name + "': names must be unique within a version");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<DuplicateFileNameException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
