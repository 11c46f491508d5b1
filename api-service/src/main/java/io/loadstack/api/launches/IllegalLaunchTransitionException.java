package io.loadstack.api.launches;

/** A report or command that does not fit where the launch or the agent is ("agent eu-2 is FINISHED ..."). */
public class IllegalLaunchTransitionException extends RuntimeException {
    public IllegalLaunchTransitionException(String message) {
        super(message);
    }
}
