package io.loadstack.api.launches;

/** A launch asked for more agents in a region than are online there. */
public class AgentsUnavailableException extends RuntimeException {
    public AgentsUnavailableException(String reasons) {
        super(reasons);
    }
}
