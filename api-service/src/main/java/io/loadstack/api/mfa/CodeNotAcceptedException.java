package io.loadstack.api.mfa;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * A wrong code confirming one's own enrollment: 403, not 401, so the page does not take it for an expired session
 * and the user simply types the next code.
 */
public final class CodeNotAcceptedException extends RuntimeException {

    CodeNotAcceptedException() {
        super("the code is wrong; type the code your app shows now");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<CodeNotAcceptedException> {
        Handler() {
            super(HttpStatus.FORBIDDEN);
        }
    }
}
