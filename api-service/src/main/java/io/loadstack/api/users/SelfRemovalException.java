package io.loadstack.api.users;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Nobody removes themselves: it would lock out the one admin there may be, by a slip of the hand. */
public final class SelfRemovalException extends RuntimeException {

    SelfRemovalException() {
        super("you cannot remove yourself");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<SelfRemovalException> {
        Handler() {
            super(HttpStatus.CONFLICT);
        }
    }
}
