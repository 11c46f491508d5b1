package io.loadstack.api.users;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A still valid token of a user removed since it was issued: that user has no access any more. */
public final class SignedInUserGoneException extends RuntimeException {

    SignedInUserGoneException() {
        super("this user no longer exists");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<SignedInUserGoneException> {
        Handler() {
            super(HttpStatus.UNAUTHORIZED);
        }
    }
}
