package io.loadstack.support.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses to start a service without a usable signing secret. A default secret would let anyone mint
 * admin tokens for every installation that forgot to set one, so there is none.
 */
@Context
public class JwtSecretCheck {

    public static final String VARIABLE = "LOADSTACK_JWT_SECRET";
    static final int MIN_BYTES = 32;

    public JwtSecretCheck(JwtSettings settings) {
        String problem = problemWith(settings.secret());
        if (problem != null) {
            throw new ConfigurationException(problem);
        }
    }

    /** @return why this secret cannot be used, or null when it is fine */
    public static String problemWith(@Nullable String secret) {
        if (secret == null || secret.isBlank()) {
            return VARIABLE + " is not set. Every Loadstack service signs and checks JWTs with it, and it must be"
                    + " the same in all of them. Set it to at least " + MIN_BYTES + " random bytes, for example:"
                    + " export " + VARIABLE + "=\"$(openssl rand -base64 48)\"";
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            return VARIABLE + " is " + bytes + " bytes long; HS256 needs at least " + MIN_BYTES + "."
                    + " Generate one with: openssl rand -base64 48";
        }
        return null;
    }

    /**
     * For a service's main method: print the reason and exit before the framework starts, so the operator
     * sees one clear line rather than a bean-creation stack trace.
     */
    public static void exitIfMissing(Map<String, String> environment) {
        String problem = problemWith(environment.get(VARIABLE));
        if (problem != null && System.getProperty("loadstack.jwt.secret") == null) {
            System.err.println("Loadstack cannot start: " + problem);
            System.exit(2);
        }
    }
}
