package io.loadstack.consumer.runs;

/** The answer of applying one event, which the HTTP layer turns into a status code. */
public enum Outcome {
    ACCEPTED,
    /** A repeated (source, seq), or an event the run already reflects: acknowledged, not counted again. */
    DUPLICATE,
    NOT_FOUND,
    FORBIDDEN,
    /** The run is COMPLETED or ABANDONED: it takes no more data. */
    FINISHED
}
