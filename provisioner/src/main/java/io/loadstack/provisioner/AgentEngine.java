package io.loadstack.provisioner;

import io.loadstack.provisioner.queue.ProvisionRequest;

/** Makes and removes one request's agents: containers (docker) or services (swarm). */
public interface AgentEngine {

    /**
     * Makes what the request asks for. Idempotent: what already exists (made before a takeover or a
     * restart) is taken as made.
     *
     * @throws ProvisioningFailedException when it cannot, with the reason for the user
     */
    void provision(ProvisionRequest request);

    /** Removes every container or service of that launch in this provisioner's scope; gone already is fine. */
    void remove(long launchId);
}
