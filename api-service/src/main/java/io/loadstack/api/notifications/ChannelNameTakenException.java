package io.loadstack.api.notifications;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Another channel has that name: names tell channels apart in the deliveries list. */
public final class ChannelNameTakenException extends RuntimeException {

    ChannelNameTakenException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<ChannelNameTakenException> {
        Handler() {
            super(HttpStatus.CONFLICT);
        }
    }
}
