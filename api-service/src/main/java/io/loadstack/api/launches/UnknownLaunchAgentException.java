package io.loadstack.api.launches;

/** A report from an agent that is not part of the launch. */
public class UnknownLaunchAgentException extends RuntimeException {
    public UnknownLaunchAgentException(long launchId, String agent) {
        super("agent " + agent + " is not part of launch " + launchId);
    }
}
