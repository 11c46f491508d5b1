package io.loadstack.consumer.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** A login where an ingest token belongs is 403: signed in, but not allowed to ingest. */
@Produces
@Singleton
public class NotAnIngestTokenHandler extends RefusalHandler<NotAnIngestTokenException> {

    public NotAnIngestTokenHandler() {
        super(HttpStatus.FORBIDDEN);
    }
}
