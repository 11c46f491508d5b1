package io.loadstack.provisioner.teardown;

import io.loadstack.provisioner.AgentEngine;
import io.loadstack.provisioner.agents.AgentState;
import io.loadstack.provisioner.agents.AgentStates;
import io.loadstack.provisioner.queue.RequestQueue;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A held request whose launch has ended: its containers or services removed, its agents REMOVED, the request RELEASED. */
@Singleton
public class Teardown {

    private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

    private final RequestQueue queue;
    private final AgentStates states;

    public Teardown(RequestQueue queue, AgentStates states) {
        this.queue = queue;
        this.states = states;
    }

    public void run(long launchId, AgentEngine engine, String owner) {
        engine.remove(launchId);
        states.recordAll(launchId, AgentState.REMOVED, null);
        queue.release(launchId, owner);
        LOG.info("launch {} has ended: its agents are removed, its request released", launchId);
    }
}
