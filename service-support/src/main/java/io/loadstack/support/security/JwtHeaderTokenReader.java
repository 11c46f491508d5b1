package io.loadstack.support.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads a JWT from {@code Authorization: Bearer <t>} and from {@code Authorization: JWT <t>}, the prefix
 * the old clients send. Micronaut's own bearer reader knows one prefix only, so it is switched off in
 * configuration and this reader takes its place.
 */
@Singleton
public class JwtHeaderTokenReader implements TokenReader<HttpRequest<?>> {

    private static final String[] PREFIXES = {"Bearer ", "JWT "};

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Optional.empty();
        }
        for (String prefix : PREFIXES) {
            if (header.regionMatches(true, 0, prefix, 0, prefix.length())) {
                String token = header.substring(prefix.length()).trim();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
