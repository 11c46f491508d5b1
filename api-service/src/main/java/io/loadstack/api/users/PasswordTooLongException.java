package io.loadstack.api.users;

import io.loadstack.api.ErrorStatusHandler;
import io.loadstack.support.login.PasswordHasher;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** bcrypt reads 72 bytes at most; a longer password is refused rather than silently cut. */
public final class PasswordTooLongException extends RuntimeException {

    PasswordTooLongException() {
        super("password: at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<PasswordTooLongException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
