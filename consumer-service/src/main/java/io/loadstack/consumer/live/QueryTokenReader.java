package io.loadstack.consumer.live;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Browsers cannot set headers on a websocket upgrade, so the live view sends its JWT as {@code ?token=}
 * or as the second value of {@code Sec-WebSocket-Protocol: jwt, <token>}. Only on {@code /ws/}.
 */
@Singleton
public class QueryTokenReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/ws/")) {
            return Optional.empty();
        }
        Optional<String> query = request.getParameters().getFirst("token");
        if (query.isPresent()) {
            return query;
        }
        String protocols = request.getHeaders().get("Sec-WebSocket-Protocol");
        if (protocols != null) {
            String[] parts = protocols.split(",");
            if (parts.length == 2 && parts[0].trim().equalsIgnoreCase("jwt")) {
                return Optional.of(parts[1].trim());
            }
        }
        return Optional.empty();
    }
}
