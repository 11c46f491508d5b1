package io.loadstack.consumer.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** An unknown run is 404: the generator posts to a uuid no register returned. */
@Produces
@Singleton
public class RunNotFoundHandler extends RefusalHandler<RunNotFoundException> {

    public RunNotFoundHandler() {
        super(HttpStatus.NOT_FOUND);
    }
}
