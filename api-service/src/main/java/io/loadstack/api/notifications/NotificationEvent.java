package io.loadstack.api.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * Something a team wants to hear about, handed to {@link Notifier#publish}. Each names the test it is about
 * (the runs' name: a launch's plan name, a generator's run name), which channels filter on, and the page
 * of the dashboard that shows it.
 */
public sealed interface NotificationEvent {

    EventType type();

    /** The test (run name) this is about; null when none is known. */
    @Nullable
    String test();

    /** The run this is about, when there is one. */
    @Nullable
    String runUuid();

    Instant at();

    /** The dashboard's page for it, a hash route ({@code #/runs/{uuid}}), appended to LOADSTACK_PUBLIC_URL. */
    default String page() {
        return runUuid() == null ? "#/runs" : "#/runs/" + runUuid();
    }

    /** A run registered (by a launch or a generator). */
    @Serdeable
    record RunStarted(String runUuid, String test, Instant at, String origin, @Nullable String host,
                      @Nullable String targetHost) implements NotificationEvent {
        @Override
        public EventType type() {
            return EventType.RUN_STARTED;
        }
    }

    /**
     * A run ended ({@code status} COMPLETED or ABANDONED).
     *
     * @param verdict PASSED or FAILED, null when the test has no thresholds and no baseline
     * @param failed  the criteria and regressions that failed, each with its measured value
     */
    @Serdeable
    record RunFinished(String runUuid, String test, Instant at, String status, @Nullable String verdict,
                       List<String> failed, RunNumbers numbers) implements NotificationEvent {
        public RunFinished {
            failed = List.copyOf(failed);
        }

        @Override
        public EventType type() {
            return EventType.RUN_FINISHED;
        }
    }

    /**
     * A run's key numbers, over the whole run. Latencies in ms, null without requests.
     *
     * @param errorPercent failures per 100 requests
     * @param rps          requests per second over the run's duration
     */
    @Serdeable
    record RunNumbers(long requests, long failures, double errorPercent, @Nullable Double rps,
                      @Nullable Double p50Ms, @Nullable Double p95Ms, @Nullable Double p99Ms, int maxUsers,
                      Instant startedAt, @Nullable Instant endedAt) {
    }

    /** A live threshold failed on one of the run's 15-second records (the run goes on unless abortOnFail). */
    @Serdeable
    record ThresholdFailed(String runUuid, String test, Instant at, List<String> criteria) implements NotificationEvent {
        public ThresholdFailed {
            criteria = List.copyOf(criteria);
        }

        @Override
        public EventType type() {
            return EventType.THRESHOLD_FAILED;
        }
    }

    /** The run, compared with its test's baseline, regressed; one line per regression, with both values. */
    @Serdeable
    record RegressionFound(String runUuid, String test, Instant at, String baselineUuid, List<String> regressions)
            implements NotificationEvent {
        public RegressionFound {
            regressions = List.copyOf(regressions);
        }

        @Override
        public EventType type() {
            return EventType.REGRESSION_FOUND;
        }
    }

    /** A launch failed (readiness timeout, too few healthy agents, …); {@code reason} says which. */
    @Serdeable
    record LaunchFailed(long launchId, String runUuid, String test, Instant at, String reason) implements NotificationEvent {
        @Override
        public EventType type() {
            return EventType.LAUNCH_FAILED;
        }

        @Override
        public String page() {
            return "#/launches/" + launchId;
        }
    }

    /** An agent running a share of a launch stopped heartbeating. */
    @Serdeable
    record AgentLost(String agent, long launchId, String runUuid, String test, Instant at, String reason)
            implements NotificationEvent {
        @Override
        public EventType type() {
            return EventType.AGENT_LOST;
        }

        @Override
        public String page() {
            return "#/launches/" + launchId;
        }
    }

    /** An admin checking a channel. */
    @Serdeable
    record Ping(String channel, String by, Instant at) implements NotificationEvent {
        @Override
        public EventType type() {
            return EventType.PING;
        }

        @Override
        public String test() {
            return null;
        }

        @Override
        public String runUuid() {
            return null;
        }

        @Override
        public String page() {
            return "#/notifications";
        }
    }
}
