package io.loadstack.api.launches;

/** An agent that is online and free to take an assignment, as the agents' registry sees it. */
public record OnlineAgent(String name, String region) {
}
