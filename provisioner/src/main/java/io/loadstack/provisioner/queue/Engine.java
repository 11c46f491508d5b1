package io.loadstack.provisioner.queue;

import java.util.Locale;

/** Where a request's agents run: provision_requests.engine. */
public enum Engine {
    DOCKER, SWARM;

    public static Engine of(String column) {
        return valueOf(column.trim().toUpperCase(Locale.ROOT));
    }
}
