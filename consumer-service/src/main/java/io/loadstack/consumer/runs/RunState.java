package io.loadstack.consumer.runs;

/** Whose a run the recorder holds is and whether it takes data: the HTTP layer's check before journaling. */
public record RunState(long ownerId, RunStatus status) {
}
