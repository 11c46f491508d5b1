package io.loadstack.consumer.ingest;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A server bug, already logged with its stack trace by the journal thread: 500, and no second log. */
@Produces
@Singleton
public class EventNotAppliedHandler implements ExceptionHandler<EventNotAppliedException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, EventNotAppliedException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ErrorBody.of(500, "internal error; the server log has the details"));
    }
}
