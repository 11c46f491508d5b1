package io.loadstack.api.notifications;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A channel that cannot be used as asked: a URL that is not http(s) with a host, an unknown event, … */
public final class InvalidChannelException extends RuntimeException {

    InvalidChannelException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<InvalidChannelException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
