package io.loadstack.api.verdicts;

import io.loadstack.api.ErrorStatusHandler;
import io.loadstack.support.thresholds.InvalidThresholdsException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Thresholds a request sent (a test's, a launch's) that do not parse: 400, the message pointing at the character. */
@Singleton
final class InvalidThresholdsHandler extends ErrorStatusHandler<InvalidThresholdsException> {
    InvalidThresholdsHandler() {
        super(HttpStatus.BAD_REQUEST);
    }
}
