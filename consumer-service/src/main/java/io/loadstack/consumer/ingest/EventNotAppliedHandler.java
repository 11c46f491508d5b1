package io.loadstack.consumer.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** A server bug, already logged with its stack trace by the journal thread: 500, and no second log. */
@Produces
@Singleton
public class EventNotAppliedHandler extends RefusalHandler<EventNotAppliedException> {

    public EventNotAppliedHandler() {
        super(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Override
    String message(EventNotAppliedException exception) {
        return "internal error; the server log has the details";
    }
}
