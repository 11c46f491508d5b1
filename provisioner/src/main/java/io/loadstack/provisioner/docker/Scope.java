package io.loadstack.provisioner.docker;

import io.loadstack.provisioner.ProvisionerSettings;
import jakarta.inject.Singleton;

/**
 * The value of the label io.loadstack.scope on everything this provisioner makes, and the only scope its sweep
 * and its event stream look at: LOADSTACK_PROVISIONER_SCOPE, else its compose project (so two compose projects
 * on one engine never sweep each other's agents), else "loadstack".
 */
@Singleton
public class Scope {

    static final String COMPOSE_PROJECT = "com.docker.compose.project";
    private static final String DEFAULT = "loadstack";

    private final ProvisionerSettings settings;
    private final OwnContainer own;
    private volatile String value;

    public Scope(ProvisionerSettings settings, OwnContainer own) {
        this.settings = settings;
        this.own = own;
    }

    public String value() {
        String known = value;
        if (known == null) {
            known = ProvisionerSettings.isSet(settings.scope()) ? settings.scope().trim()
                    : own.get().map(c -> c.getConfig() == null || c.getConfig().getLabels() == null ? null
                            : c.getConfig().getLabels().get(COMPOSE_PROJECT)).orElse(DEFAULT);
            value = known;
        }
        return known;
    }
}
