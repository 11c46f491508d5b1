package io.loadstack.api.users;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Removing this admin would leave no one able to manage users. */
public final class LastAdminException extends RuntimeException {

    LastAdminException() {
        super("the last admin cannot be removed");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<LastAdminException> {
        Handler() {
            super(HttpStatus.CONFLICT);
        }
    }
}
