package io.loadstack.consumer.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** Another user's run is 403: the token is valid, the run is not its owner's to write. */
@Produces
@Singleton
public class RunOfAnotherUserHandler extends RefusalHandler<RunOfAnotherUserException> {

    public RunOfAnotherUserHandler() {
        super(HttpStatus.FORBIDDEN);
    }
}
