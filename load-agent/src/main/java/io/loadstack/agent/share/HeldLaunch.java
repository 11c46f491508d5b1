package io.loadstack.agent.share;

import java.time.Instant;

/**
 * A share as the agent sees it, listed in every heartbeat so that Loadstack can send what would bring it to
 * what the launch wants.
 *
 * @param startAt the start the agent was given (server time), null before
 */
public record HeldLaunch(long launchId, String status, Instant startAt, boolean stopping) {
}
