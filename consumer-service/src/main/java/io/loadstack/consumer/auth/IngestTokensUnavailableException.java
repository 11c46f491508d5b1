package io.loadstack.consumer.auth;

/**
 * An ingest token cannot be checked because MySQL cannot be reached and the token was not seen lately:
 * the server's condition, not a wrong token, so the client is told to retry rather than 401.
 */
public class IngestTokensUnavailableException extends RuntimeException {

    public IngestTokensUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
