package io.loadstack.api.users;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Changing one's own password needs the current one, so that an unattended session cannot take the account. */
public final class WrongCurrentPasswordException extends RuntimeException {

    WrongCurrentPasswordException() {
        super("the current password is wrong");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<WrongCurrentPasswordException> {
        Handler() {
            super(HttpStatus.FORBIDDEN);
        }
    }
}
