package io.loadstack.provisioner.events;

import com.github.dockerjava.api.model.Event;
import io.loadstack.provisioner.agents.AgentState;
import io.loadstack.provisioner.agents.Labels;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Optional;

/**
 * What one of Docker's container events says of an agent (docs/provisioning.md, "Events"). Events of containers
 * without an agent label (Swarm's task containers: their states come from the task list) and actions that say
 * nothing of the state (exec_*, attach, …) give nothing.
 */
public final class ContainerEvents {

    private ContainerEvents() {
    }

    /** An agent's new state. */
    public record Change(long launchId, String agentName, AgentState state, @Nullable String detail,
                         @Nullable String containerId) {
    }

    /**
     * @param healthChecked whether the agents have a healthcheck: then a start is STARTING until it passes,
     *                      else RUNNING at once
     */
    public static Optional<Change> changeOf(Event event, boolean healthChecked) {
        if (event.getActor() == null || event.getActor().getAttributes() == null || event.getAction() == null) {
            return Optional.empty();
        }
        Map<String, String> attributes = event.getActor().getAttributes();
        String agent = attributes.get(Labels.AGENT);
        Long launchId = parseLaunch(attributes.get(Labels.LAUNCH));
        if (agent == null || launchId == null) {
            return Optional.empty();
        }
        String action = event.getAction();
        AgentState state;
        String detail = null;
        switch (action) {
            case "create" -> state = AgentState.CREATED;
            case "start", "restart", "unpause" -> state = healthChecked ? AgentState.STARTING : AgentState.RUNNING;
            case "health_status: healthy" -> state = AgentState.HEALTHY;
            case "health_status: unhealthy" -> state = AgentState.UNHEALTHY;
            case "die" -> {
                state = AgentState.EXITED;
                String exitCode = attributes.get("exitCode");
                detail = exitCode == null ? null : "exit code " + exitCode;
            }
            case "oom" -> {
                state = AgentState.EXITED;
                detail = "out of memory (the agents' memory limit: LOADSTACK_PROVISIONER_AGENT_MEMORY)";
            }
            case "destroy" -> state = AgentState.REMOVED;
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new Change(launchId, agent, state, detail, event.getId()));
    }

    /**
     * A listed container's state ({@code docker ps}: state "running", status "Up 5 seconds (healthy)"), for
     * the reconciliation when the event stream (re)connects: what happened while it was not listening.
     */
    public static AgentState stateOf(String state, @Nullable String status, boolean healthChecked) {
        String words = status == null ? "" : status;
        return switch (state) {
            case "created" -> AgentState.CREATED;
            case "running", "restarting", "paused" -> words.contains("(healthy)") ? AgentState.HEALTHY
                    : words.contains("(unhealthy)") ? AgentState.UNHEALTHY
                    : healthChecked ? AgentState.STARTING : AgentState.RUNNING;
            case "removing" -> AgentState.REMOVED;
            default -> AgentState.EXITED;       // exited, dead
        };
    }

    @Nullable
    public static Long parseLaunch(@Nullable String label) {
        if (label == null) {
            return null;
        }
        try {
            return Long.parseLong(label.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
