package io.loadstack.api.agents.heartbeat;

import io.loadstack.api.agents.registry.Agent;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.util.List;

/** The command source while nothing launches tests: replaced by any other {@link AgentCommands} bean. */
@Singleton
@Secondary
class NoCommandsYet implements AgentCommands {

    @Override
    public List<AgentCommand> pendingFor(Agent agent) {
        return List.of();
    }
}
