package io.loadstack.support.mfa;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses to start a service that signs people in without a usable key for the TOTP secrets. Without it the
 * secrets could be neither stored nor read, and a default key would be no protection at all.
 */
@Context
@Requires(property = "loadstack.login.enabled", value = "true")
public class MfaKeyCheck {

    public static final String VARIABLE = "LOADSTACK_MFA_KEY";
    static final int MIN_BYTES = 32;

    public MfaKeyCheck(MfaSettings settings) {
        String problem = problemWith(settings.key());
        if (problem != null) {
            throw new ConfigurationException(problem);
        }
    }

    /** @return why this key cannot be used, or null when it is fine */
    public static String problemWith(@Nullable String key) {
        if (key == null || key.isBlank()) {
            return VARIABLE + " is not set. The services that sign people in (api-service, health-dashboard) encrypt"
                    + " the users' second-factor secrets with it; it must be the same in both and must not be the"
                    + " JWT secret. Set it to at least " + MIN_BYTES + " random bytes, for example:"
                    + " export " + VARIABLE + "=\"$(openssl rand -base64 48)\"";
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            return VARIABLE + " is " + bytes + " bytes long; it needs at least " + MIN_BYTES + "."
                    + " Generate one with: openssl rand -base64 48";
        }
        return null;
    }

    /** For a service's main method: one clear line and exit before the framework starts. */
    public static void exitIfMissing(Map<String, String> environment) {
        String problem = problemWith(environment.get(VARIABLE));
        if (problem != null && System.getProperty("loadstack.mfa.key") == null) {
            System.err.println("Loadstack cannot start: " + problem);
            System.exit(2);
        }
    }
}
