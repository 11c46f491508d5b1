package io.loadstack.api.verdicts;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No run has that name and nobody set anything on a test of that name. */
public final class NoSuchTestException extends RuntimeException {

    NoSuchTestException(String name) {
        super("no test '" + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "': no run has that name");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchTestException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
