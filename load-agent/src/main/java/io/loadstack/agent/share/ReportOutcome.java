package io.loadstack.agent.share;

/** What became of a report. */
public enum ReportOutcome {
    /** 200. */
    ACCEPTED,
    /** 404 or 409: the launch does not know this share (any more) or has released it; the share stops. */
    GONE,
    /** No answer or an unexpected one: the next report carries the same and more. */
    FAILED
}
