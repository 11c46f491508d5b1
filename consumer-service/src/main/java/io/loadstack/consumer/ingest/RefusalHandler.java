package io.loadstack.consumer.ingest;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;

/**
 * How an ingestion refusal is answered: its status, {@code {"error": <the exception's message>}}, and for
 * the retryable 503s a {@code Retry-After}. Each refusal has its own subclass, so the status of every
 * exception is written in one place.
 */
abstract class RefusalHandler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<ErrorBody>> {

    private final HttpStatus status;
    @Nullable
    private final String retryAfterSeconds;

    RefusalHandler(HttpStatus status) {
        this(status, null);
    }

    RefusalHandler(HttpStatus status, @Nullable String retryAfterSeconds) {
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** What the client reads; by default the exception's message, which is written for clients. */
    String message(E exception) {
        return exception.getMessage();
    }

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, E exception) {
        MutableHttpResponse<ErrorBody> response = HttpResponse.<ErrorBody>status(status)
                .body(ErrorBody.of(status.getCode(), message(exception)));
        return retryAfterSeconds == null ? response : response.header("Retry-After", retryAfterSeconds);
    }
}
