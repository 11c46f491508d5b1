package io.loadstack.consumer.auth;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A token that cannot be checked now is 503 with Retry-After: the generator retries, it does not give up. */
@Produces
@Singleton
public class IngestTokensUnavailableHandler implements ExceptionHandler<IngestTokensUnavailableException, HttpResponse<ErrorBody>> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestTokensUnavailableHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, IngestTokensUnavailableException exception) {
        // An outage, not a bug: one line, without a stack trace per request.
        LOG.warn("{}: {}", exception.getMessage(), exception.getCause() == null ? "" : exception.getCause().getMessage());
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "15")
                .body(ErrorBody.of(503, exception.getMessage() + "; retry later"));
    }
}
