package io.loadstack.api.runs;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * The consumer-service creates the run tables at its first start; until then there is nothing to read, which
 * is a state of the deployment to explain (503), not a server bug.
 */
public final class RunTablesMissingException extends RuntimeException {

    public RunTablesMissingException() {
        super("the runs tables do not exist yet: the consumer-service creates them when it first starts");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<RunTablesMissingException> {
        Handler() {
            super(HttpStatus.SERVICE_UNAVAILABLE);
        }
    }
}
