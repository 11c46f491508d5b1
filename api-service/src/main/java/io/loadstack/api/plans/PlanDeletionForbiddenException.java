package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Only a plan's owner and admins may delete it. */
public final class PlanDeletionForbiddenException extends RuntimeException {

    PlanDeletionForbiddenException(Long plan, String owner) {
        super("only " + owner + " (who uploaded plan " + plan + ") or an admin may delete it");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<PlanDeletionForbiddenException> {
        Handler() {
            super(HttpStatus.FORBIDDEN);
        }
    }
}
