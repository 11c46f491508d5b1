package io.loadstack.agent.config;

/** A setting the agent cannot start with; the message names the environment variable and says what to do. */
public final class InvalidSettingException extends RuntimeException {

    InvalidSettingException(String variable, String problem) {
        super(variable + " " + problem);
    }

    InvalidSettingException(String variable, String problem, Throwable cause) {
        super(variable + " " + problem, cause);
    }
}
