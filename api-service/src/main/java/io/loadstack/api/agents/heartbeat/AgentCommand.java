package io.loadstack.api.agents.heartbeat;

import io.micronaut.serde.annotation.Serdeable;

/** Something an agent is told to do in a heartbeat's answer (prepare, start, stop a share of a launch). */
@Serdeable
public interface AgentCommand {

    /** What kind of command it is, for the agent to dispatch on. */
    String type();
}
