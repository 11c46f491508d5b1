package io.loadstack.api.agents.registry;

import java.util.Set;

/** Which agents hold a share of a launch that is not over: those are BUSY while online. Launches answer it. */
public interface BusyAgents {

    Set<String> names();
}
