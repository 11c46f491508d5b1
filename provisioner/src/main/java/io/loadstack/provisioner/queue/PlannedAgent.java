package io.loadstack.provisioner.queue;

/** One provision_agents row as the api-service planned it: the agent's name (l&lt;launch&gt;-&lt;region&gt;-&lt;n&gt;) and region. */
public record PlannedAgent(String name, String region) {
}
