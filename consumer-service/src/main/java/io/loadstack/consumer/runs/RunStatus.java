package io.loadstack.consumer.runs;

public enum RunStatus {
    RUNNING,
    COMPLETED,
    /** Silent for longer than LOADSTACK_RUN_TIMEOUT: the load generator died or forgot to commit. */
    ABANDONED
}
