package io.loadstack.api.agents.tokens;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** No live agent token with that id (never made, or already revoked). */
public final class NoSuchAgentTokenException extends RuntimeException {

    NoSuchAgentTokenException(long id) {
        super("no live agent token " + id);
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<NoSuchAgentTokenException> {
        Handler() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
