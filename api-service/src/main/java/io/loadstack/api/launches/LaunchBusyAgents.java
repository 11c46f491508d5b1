package io.loadstack.api.launches;

import io.loadstack.api.agents.registry.BusyAgents;
import jakarta.inject.Singleton;

import java.util.Set;

/** The agents with a share of a launch that is not over (ASSIGNED to RUNNING). */
@Singleton
class LaunchBusyAgents implements BusyAgents {

    private final LaunchStore store;

    LaunchBusyAgents(LaunchStore store) {
        this.store = store;
    }

    @Override
    public Set<String> names() {
        return store.inTransaction("finding busy agents", store::busyAgents);
    }
}
