package io.loadstack.api.targets;

import io.loadstack.support.targets.InvalidTargetEntryException;
import io.loadstack.support.targets.TargetList;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code LOADSTACK_ALLOWED_TARGETS}: the comma-separated list the allowed targets start with on a new
 * installation (README, "Allowed targets"). Unset, only this host's own loopback is allowed: opening more is an
 * admin's decision. A list that cannot be read stops the start, naming the entry.
 *
 * @param allowedTargets the seed, as the variable holds it
 */
@ConfigurationProperties("loadstack")
public record AllowedTargetSettings(@Bindable(defaultValue = "localhost,127.0.0.0/8,[::1]") String allowedTargets) {

    static final String VARIABLE = "LOADSTACK_ALLOWED_TARGETS";

    public AllowedTargetSettings {
        seed(allowedTargets);
    }

    TargetList seed() {
        return seed(allowedTargets);
    }

    private static TargetList seed(String text) {
        try {
            return TargetList.ofCommaSeparated(text);
        } catch (InvalidTargetEntryException e) {
            throw new ConfigurationException(VARIABLE + " (loadstack.allowed-targets): " + e.getMessage());
        }
    }
}
