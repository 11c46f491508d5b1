package io.loadstack.api.targets;

import io.loadstack.api.ErrorStatusHandler;
import io.loadstack.support.targets.InvalidTargetEntryException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** An allowed-targets list an admin sent with an entry that cannot be read: 400, naming the entry. */
@Singleton
final class InvalidTargetEntryHandler extends ErrorStatusHandler<InvalidTargetEntryException> {
    InvalidTargetEntryHandler() {
        super(HttpStatus.BAD_REQUEST);
    }
}
