package io.loadstack.dashboard.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * {@code ?token=<jwt>} on the websocket only: a browser's WebSocket cannot send an Authorization header.
 * Everywhere else a token in the URL would end up in logs and histories, so it is not read there.
 */
@Singleton
public class QueryTokenReader implements TokenReader<HttpRequest<?>> {

    static final String PATH_PREFIX = "/ws/";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith(PATH_PREFIX)) {
            return Optional.empty();
        }
        return request.getParameters().getFirst("token").filter(t -> !t.isBlank());
    }
}
