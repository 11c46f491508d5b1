package io.loadstack.api.notifications;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No notification channel with that id (never made, or deleted). */
public final class NoSuchChannelException extends RuntimeException {

    NoSuchChannelException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchChannelException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
