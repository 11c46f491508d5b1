package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No stored file content has that SHA-256. */
public final class NoSuchContentException extends RuntimeException {

    NoSuchContentException(String sha256) {
        super("no file with SHA-256 " + sha256);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchContentException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
