package io.loadstack.api.launches;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** The HTTP status of each of the launch model's own refusals; the model itself knows nothing of HTTP. */
final class LaunchRefusals {

    private LaunchRefusals() {
    }

    /** The request cannot be run as asked: every reason at once. */
    @Singleton
    static final class InvalidRequest extends ErrorStatusHandler<InvalidLaunchRequestException> {
        InvalidRequest() {
            super(HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }

    /** A report that does not fit where the agent or the launch is: the agent drops that share. */
    @Singleton
    static final class IllegalTransition extends ErrorStatusHandler<IllegalLaunchTransitionException> {
        IllegalTransition() {
            super(HttpStatus.CONFLICT);
        }
    }

    @Singleton
    static final class UnknownAgent extends ErrorStatusHandler<UnknownLaunchAgentException> {
        UnknownAgent() {
            super(HttpStatus.NOT_FOUND);
        }
    }
}
