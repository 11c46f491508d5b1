package io.loadstack.consumer.ingest;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MySQL away while a run must be looked up there: 503 with Retry-After, so the generator tries again. */
@Produces
@Singleton
public class RunsUnavailableHandler extends RefusalHandler<RunsUnavailableException> {

    private static final Logger LOG = LoggerFactory.getLogger(RunsUnavailableHandler.class);

    public RunsUnavailableHandler() {
        super(HttpStatus.SERVICE_UNAVAILABLE, Ingestion.RETRY_AFTER_SECONDS);
    }

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, RunsUnavailableException exception) {
        // An outage, not a bug: one line, without a stack trace per request.
        LOG.warn("{}: {}", exception.getMessage(), exception.getCause() == null ? "" : exception.getCause().getMessage());
        return super.handle(request, exception);
    }

    @Override
    String message(RunsUnavailableException exception) {
        return exception.getMessage() + "; retry later";
    }
}
