package io.loadstack.agent.share;

/** An agent's state in a launch, as it reports it (docs/launches.md, "Report"). */
public enum ShareStatus {
    PREPARING, READY, RUNNING, FINISHED, FAILED
}
