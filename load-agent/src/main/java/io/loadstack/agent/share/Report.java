package io.loadstack.agent.share;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/agent/launches/{id}/report}'s body without the agent's name.
 *
 * @param firstRequestAt when the share's first request left, in server time; null before
 * @param log            new log lines since the last report that got through
 */
public record Report(ShareStatus status, String message, Instant firstRequestAt, long requests, long failures,
                     List<String> log) {

    public Report {
        log = List.copyOf(log);
    }
}
