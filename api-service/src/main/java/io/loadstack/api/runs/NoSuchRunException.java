package io.loadstack.api.runs;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No run with that uuid (never registered, or deleted). */
public final class NoSuchRunException extends RuntimeException {

    public NoSuchRunException(String uuid) {
        super("no run " + uuid);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchRunException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
