package io.loadstack.api.web;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A file the vendored library does not have. */
public final class NoSuchVendorFileException extends RuntimeException {

    NoSuchVendorFileException() {
        super("no such file");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchVendorFileException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
