package io.loadstack.consumer.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** What the client sent cannot be ingested: 400 with the field and the reason. */
@Produces
@Singleton
public class BadIngestRequestHandler extends RefusalHandler<BadIngestRequestException> {

    public BadIngestRequestHandler() {
        super(HttpStatus.BAD_REQUEST);
    }
}
