package io.loadstack.provisioner.agents;

import io.loadstack.provisioner.Database;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Writes what Docker says of each agent into provision_agents. A REMOVED agent stays REMOVED: Docker's
 * events for a container removed at teardown (its die, its destroy) may arrive after the teardown wrote it.
 */
@Singleton
public class AgentStates {

    private final Database database;

    public AgentStates(Database database) {
        this.database = database;
    }

    /** @return whether a row of that launch and agent took the state */
    public boolean record(long launchId, String agentName, AgentState state, @Nullable String detail,
                          @Nullable String containerId) {
        return database.update("recording " + agentName + " " + state, "UPDATE provision_agents"
                + " SET state = ?, detail = ?, container_id = COALESCE(?, container_id), updated_at = NOW(3)"
                + " WHERE launch_id = ? AND agent_name = ? AND (state <> 'REMOVED' OR ? = 'REMOVED')",
                state.name(), clip(detail), containerId, launchId, agentName, state.name()) > 0;
    }

    /** The same state for every agent of a launch not already REMOVED (teardown, a failed request). */
    public void recordAll(long launchId, AgentState state, @Nullable String detail) {
        database.update("recording launch " + launchId + " " + state, "UPDATE provision_agents"
                + " SET state = ?, detail = ?, updated_at = NOW(3) WHERE launch_id = ? AND state <> 'REMOVED'",
                state.name(), clip(detail), launchId);
    }

    private static String clip(@Nullable String detail) {
        return detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }
}
