package io.loadstack.consumer.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** A finished run is 409: the request is valid but conflicts with the run's state. */
@Produces
@Singleton
public class RunFinishedHandler extends RefusalHandler<RunFinishedException> {

    public RunFinishedHandler() {
        super(HttpStatus.CONFLICT);
    }
}
