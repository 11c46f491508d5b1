package io.loadstack.api.users;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** An admin named a user who does not exist. */
public final class NoSuchUserException extends RuntimeException {

    public NoSuchUserException(String username) {
        super("no user '" + username + "'");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchUserException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
