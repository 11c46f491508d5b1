package io.loadstack.api.audit;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** An audit query parameter that cannot be read; the message says what to send instead. */
public final class BadAuditQueryException extends RuntimeException {

    public BadAuditQueryException(String message) {
        super(message);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<BadAuditQueryException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
