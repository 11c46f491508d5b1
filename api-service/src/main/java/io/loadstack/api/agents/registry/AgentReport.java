package io.loadstack.api.agents.registry;

/**
 * What an agent says about itself in a heartbeat, already validated.
 *
 * @param instanceId random per agent process, so that two processes given the same name are told apart
 */
public record AgentReport(String name, String instanceId, String region, String version) {
}
