package io.loadstack.api.verdicts;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Test settings that are well formed but cannot be used (a baseline that is not a finished run of the test). */
public final class InvalidTestSettingsException extends RuntimeException {

    InvalidTestSettingsException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<InvalidTestSettingsException> {
        Handler() {
            super(HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }
}
