package io.loadstack.consumer.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds an ingest token wherever the load generators put one: {@code Authorization: Token <t>} (InfluxDB
 * 2 clients, k6), {@code Bearer <t>}, HTTP Basic with the token as password (InfluxDB 1 clients, JMeter),
 * or {@code ?p=<t>} (the InfluxDB 1 query-string form).
 */
final class IngestTokenExtractor {

    static final int MAX_TOKEN_LENGTH = 200;

    private IngestTokenExtractor() {
    }

    static Optional<String> find(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            String token = fromHeader(header.trim());
            if (token != null) {
                return plausible(token);
            }
        }
        return request.getParameters().getFirst("p").flatMap(IngestTokenExtractor::plausible);
    }

    private static String fromHeader(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Token") || scheme.equalsIgnoreCase("Bearer")) {
            return value;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }

    /** Only strings that look like one of our tokens go to the database; JWTs and junk stop here. */
    private static Optional<String> plausible(String token) {
        return token.startsWith("lst_") && token.length() <= MAX_TOKEN_LENGTH ? Optional.of(token) : Optional.empty();
    }
}
