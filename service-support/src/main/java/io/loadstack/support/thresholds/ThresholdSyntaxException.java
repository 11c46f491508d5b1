package io.loadstack.support.thresholds;

/**
 * A threshold expression that does not parse. {@link #getMessage()} points at the character, counted from 1:
 * {@code at 7: expected a number}. Each service turns it into its own 400, naming the field it came in.
 */
public class ThresholdSyntaxException extends RuntimeException {

    private final int position;

    ThresholdSyntaxException(int position, String problem) {
        super("at " + position + ": " + problem);
        this.position = position;
    }

    /** The character the problem was found at, counted from 1. */
    public int position() {
        return position;
    }
}
