package io.loadstack.agent.share;

/** Sends a share's reports to Loadstack. */
@FunctionalInterface
public interface Reports {

    ReportOutcome send(long launchId, Report report) throws InterruptedException;
}
