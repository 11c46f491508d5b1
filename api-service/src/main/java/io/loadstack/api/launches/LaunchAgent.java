package io.loadstack.api.launches;

import java.time.Instant;

/**
 * One agent's part in a launch: a row of its own when persisted. Only {@link Launch} changes it,
 * through the package-private methods below, after checking the transition.
 */
public final class LaunchAgent {
    private final String name;
    private final String region;
    private final int users;
    private final int rampUpSeconds;
    private final double spawnRatePerSecond;
    private AgentStatus status;
    private String reason;
    private String readyMessage;
    private boolean startedWith;
    private Instant firstRequestAt;
    private long requests;
    private long failures;
    private Instant endedAt;

    LaunchAgent(LaunchPlan.AgentShare share) {
        this(share.agent(), share.region(), share.users(), share.rampUpSeconds(), share.spawnRatePerSecond(),
                AgentStatus.ASSIGNED, null, null, false, null, 0, 0, null);
    }

    /** As it was stored. */
    public static LaunchAgent restore(String name, String region, int users, int rampUpSeconds,
                                      double spawnRatePerSecond, AgentStatus status, String reason,
                                      String readyMessage, boolean startedWith, Instant firstRequestAt,
                                      long requests, long failures, Instant endedAt) {
        return new LaunchAgent(name, region, users, rampUpSeconds, spawnRatePerSecond, status, reason,
                readyMessage, startedWith, firstRequestAt, requests, failures, endedAt);
    }

    private LaunchAgent(String name, String region, int users, int rampUpSeconds, double spawnRatePerSecond,
                        AgentStatus status, String reason, String readyMessage, boolean startedWith,
                        Instant firstRequestAt, long requests, long failures, Instant endedAt) {
        this.name = name;
        this.region = region;
        this.users = users;
        this.rampUpSeconds = rampUpSeconds;
        this.spawnRatePerSecond = spawnRatePerSecond;
        this.status = status;
        this.reason = reason;
        this.readyMessage = readyMessage;
        this.startedWith = startedWith;
        this.firstRequestAt = firstRequestAt;
        this.requests = requests;
        this.failures = failures;
        this.endedAt = endedAt;
    }

    void become(AgentStatus next, String why, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalLaunchTransitionException(
                    "agent " + name + " is " + status + " and cannot become " + next);
        }
        status = next;
        if (why != null) {
            reason = why;
        }
        if (next.isEnded()) {
            endedAt = now;
        }
    }

    void ready(String message) {
        readyMessage = message;
    }

    void includedInStart() {
        startedWith = true;
    }

    void firstRequestAt(Instant at) {
        firstRequestAt = at;
    }

    void counted(long requests, long failures) {
        this.requests = requests;
        this.failures = failures;
    }

    /** Whether anything moved: counts only grow, and the first request time is set once, while RUNNING. */
    boolean progressed(long requests, long failures, Instant firstRequestAt) {
        boolean changed = false;
        if (requests > this.requests || failures > this.failures) {
            this.requests = Math.max(this.requests, requests);
            this.failures = Math.max(this.failures, failures);
            changed = true;
        }
        if (status == AgentStatus.RUNNING && this.firstRequestAt == null && firstRequestAt != null) {
            this.firstRequestAt = firstRequestAt;
            changed = true;
        }
        return changed;
    }

    boolean isHealthy() {
        return status != AgentStatus.FAILED && status != AgentStatus.LOST;
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public int users() {
        return users;
    }

    public int rampUpSeconds() {
        return rampUpSeconds;
    }

    public double spawnRatePerSecond() {
        return spawnRatePerSecond;
    }

    public AgentStatus status() {
        return status;
    }

    /** Why it FAILED, was LOST, or was released without running; null otherwise. */
    public String reason() {
        return reason;
    }

    /** What the agent said when it became READY (e.g. the generator's version). */
    public String readyMessage() {
        return readyMessage;
    }

    /** Whether it was one of the agents the common start was scheduled for. */
    public boolean startedWith() {
        return startedWith;
    }

    /** When its first request left, in server time; null until it started. */
    public Instant firstRequestAt() {
        return firstRequestAt;
    }

    public long requests() {
        return requests;
    }

    public long failures() {
        return failures;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
