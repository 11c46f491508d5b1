package io.loadstack.provisioner.swarm;

import com.github.dockerjava.api.model.TaskState;
import io.loadstack.provisioner.agents.AgentState;
import io.micronaut.core.annotation.Nullable;

/**
 * A Swarm task's state as an agent's (docs/provisioning.md, "States"). Swarm's scheduler does not put its
 * reasons in the event stream: a task it cannot place stays {@code pending} with "no suitable node …" in its
 * status, which is read from the task list.
 */
public final class TaskStates {

    private TaskStates() {
    }

    public record Observed(AgentState state, @Nullable String detail) {
    }

    public static Observed of(TaskState state, @Nullable String err, @Nullable String message) {
        String words = err != null && !err.isBlank() ? err : message;
        return switch (state) {
            case NEW, ALLOCATED, PENDING, ASSIGNED -> new Observed(AgentState.PENDING, words);
            case ACCEPTED, PREPARING, READY, STARTING -> new Observed(AgentState.STARTING, null);
            case RUNNING -> new Observed(AgentState.RUNNING, null);
            case COMPLETE, SHUTDOWN -> new Observed(AgentState.EXITED, words);
            case FAILED, REJECTED -> new Observed(AgentState.FAILED, words);
            case REMOVE, ORPHANED -> new Observed(AgentState.REMOVED, words);
        };
    }
}
