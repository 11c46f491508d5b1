package io.loadstack.api.agents.registry;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Agent names are unique among online agents: a second process heartbeating under a held name is refused. */
public final class AgentNameTakenException extends RuntimeException {

    AgentNameTakenException(String message) {
        super(message);
    }

    static AgentNameTakenException heldBy(Agent holder, long silentMillis, long timeoutSeconds) {
        return new AgentNameTakenException("the agent name '" + holder.name() + "' is held by another online agent"
                + " (region " + holder.region() + ", last seen " + silentMillis + " ms ago): give this agent another"
                + " LOADSTACK_AGENT_NAME, or stop the other one; the name is free once it has been silent for "
                + timeoutSeconds + " s");
    }

    static AgentNameTakenException claimedTogether(String name) {
        return new AgentNameTakenException("the agent name '" + name + "' was claimed by another agent at the same"
                + " moment: give this agent another LOADSTACK_AGENT_NAME");
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<AgentNameTakenException> {
        Handler() {
            super(HttpStatus.CONFLICT);
        }
    }
}
