package io.loadstack.api.users;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A user by that name exists already (also when two requests create it at once). */
public final class UserAlreadyExistsException extends RuntimeException {

    UserAlreadyExistsException(String username) {
        super("user '" + username + "' already exists");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<UserAlreadyExistsException> {
        Handler() {
            super(HttpStatus.CONFLICT);
        }
    }
}
