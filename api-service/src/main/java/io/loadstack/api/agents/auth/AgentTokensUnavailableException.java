package io.loadstack.api.agents.auth;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent token cannot be checked because MySQL cannot be reached: the server's condition, not a wrong
 * token, so the agent is told to retry (503) rather than that its token is bad (401).
 */
public final class AgentTokensUnavailableException extends RuntimeException {

    AgentTokensUnavailableException(Throwable cause) {
        super("the agent token cannot be checked: MySQL is unreachable", cause);
    }

    @Singleton
    static final class Handler implements ExceptionHandler<AgentTokensUnavailableException, HttpResponse<ErrorBody>> {

        private static final Logger LOG = LoggerFactory.getLogger(AgentTokensUnavailableException.class);

        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, AgentTokensUnavailableException exception) {
            // An outage, not a bug: one line per request, without a stack trace each time.
            LOG.warn("{}: {}", exception.getMessage(), exception.getCause().getMessage());
            return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "5")
                    .body(ErrorBody.of(503, exception.getMessage() + "; retry later"));
        }
    }
}
