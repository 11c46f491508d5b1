package io.loadstack.support.thresholds;

/**
 * A list of thresholds a request sent that cannot be used: too many, or one that does not parse (the message
 * names it by its place and points at the character). Each service answers it with a 400 of its own.
 */
public class InvalidThresholdsException extends RuntimeException {

    public InvalidThresholdsException(String message) {
        super(message);
    }
}
