package io.loadstack.api.launches;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A launch: a request run by agents, from their assignment to the common start and the end of the run.
 * The state machine is drawn in api-service/README.md ("Launches").
 *
 * <p>Every change goes through a method named for what happened (an agent's report, the readiness
 * timeout, a stop); each returns the events it caused, empty when nothing changed, and bumps
 * {@link #version()} when something did, so the caller can persist the launch with an optimistic lock
 * and tell the agents concerned. Time always comes in as a parameter: the launch never reads a clock.
 */
public final class Launch {

    private final long id;
    private final String runUuid;
    private final LaunchRequest request;
    private final LaunchPolicy policy;
    private final Instant createdAt;
    private final List<LaunchPlan.Shortfall> shortfalls;
    private final Map<String, LaunchAgent> agents;
    private LaunchStatus status;
    private String reason;
    private Instant startAt;
    private Instant endedAt;
    private long version;
    /** Every event of the changes since the launch was opened or restored, for what happens after the commit. */
    private final List<LaunchEvent> changed = new ArrayList<>();

    /** A new launch and what opening it caused (an assignment per agent). */
    public record Opened(Launch launch, List<LaunchEvent> events) {
    }

    private Launch(long id, String runUuid, LaunchRequest request, LaunchPolicy policy, Instant createdAt,
                   List<LaunchPlan.Shortfall> shortfalls, Collection<LaunchAgent> agents, LaunchStatus status,
                   String reason, Instant startAt, Instant endedAt, long version) {
        this.id = id;
        this.runUuid = runUuid;
        this.request = request;
        this.policy = policy;
        this.createdAt = createdAt;
        this.shortfalls = List.copyOf(shortfalls);
        this.agents = new LinkedHashMap<>();
        agents.forEach(agent -> this.agents.put(agent.name(), agent));
        this.status = status;
        this.reason = reason;
        this.startAt = startAt;
        this.endedAt = endedAt;
        this.version = version;
    }

    /**
     * Opens a launch of {@code request} with the plan's version it runs ({@code planVersion}, pinned for
     * a re-run) and its split over the agents. A plan with shortfalls is accepted: the missing agents
     * never become ready, so the readiness timeout decides (and names their region).
     */
    public static Opened open(long id, String runUuid, LaunchRequest request, int planVersion, LaunchPlan plan,
                              LaunchPolicy policy, Instant now) {
        List<LaunchAgent> agents = plan.shares().stream().map(LaunchAgent::new).toList();
        Launch launch = new Launch(id, runUuid, request.pinnedTo(planVersion), policy, now, plan.shortfalls(),
                agents, LaunchStatus.PENDING, null, null, null, 0);
        List<LaunchEvent> events = new ArrayList<>();
        for (LaunchPlan.AgentShare share : plan.shares()) {
            events.add(new LaunchEvent.AgentAssigned(share.agent(), share.region(), share.users(),
                    share.rampUpSeconds(), share.spawnRatePerSecond()));
        }
        return new Opened(launch, List.copyOf(events));
    }

    /** A launch as it was stored. */
    public static Launch restore(long id, String runUuid, LaunchRequest request, LaunchPolicy policy,
                                 Instant createdAt, List<LaunchPlan.Shortfall> shortfalls,
                                 List<LaunchAgent> agents, LaunchStatus status, String reason, Instant startAt,
                                 Instant endedAt, long version) {
        return new Launch(id, runUuid, request, policy, createdAt, shortfalls, agents, status, reason, startAt,
                endedAt, version);
    }

    // ---- what agents report

    /** The agent took its assignment and is fetching the plan's files and preparing its generator. */
    public List<LaunchEvent> agentPreparing(String agent, Instant now) {
        Changes changes = new Changes();
        agent(agent).become(AgentStatus.PREPARING, null, now);
        changes.add(new LaunchEvent.AgentPreparing(agent, now));
        if (status == LaunchStatus.PENDING) {
            moveTo(LaunchStatus.PREPARING, null, now, changes);
        }
        return changes.done();
    }

    /** The agent's generator is initialized (JMeter's test tree loaded, the locustfile imported). */
    public List<LaunchEvent> agentReady(String agent, String message, Instant now) {
        Changes changes = new Changes();
        LaunchAgent it = agent(agent);
        it.become(AgentStatus.READY, null, now);
        it.ready(message);
        changes.add(new LaunchEvent.AgentReady(agent, message, now));
        decideReadiness(false, now, changes);
        return changes.done();
    }

    /** The agent's first request left at {@code firstRequestAt}, in server time. */
    public List<LaunchEvent> agentStarted(String agent, Instant firstRequestAt, Instant now) {
        LaunchAgent it = agent(agent);
        if (startAt == null) {
            throw new IllegalLaunchTransitionException("launch " + id + " is " + status + ": agent " + agent
                    + " cannot start before the start is scheduled");
        }
        Changes changes = new Changes();
        it.become(AgentStatus.RUNNING, null, now);
        it.firstRequestAt(firstRequestAt);
        changes.add(new LaunchEvent.AgentStarted(agent, firstRequestAt));
        if (status == LaunchStatus.STARTING) {
            moveTo(LaunchStatus.RUNNING, null, now, changes);
        }
        return changes.done();
    }

    /** The agent's generator ended by itself (its duration is over) or as a stop asked. */
    public List<LaunchEvent> agentFinished(String agent, long requests, long failures, Instant now) {
        LaunchAgent it = agent(agent);
        // A started agent stopped before its first request never reports RUNNING.
        boolean ran = it.status() == AgentStatus.RUNNING || (it.status() == AgentStatus.READY && it.startedWith());
        if (!ran) {
            throw new IllegalLaunchTransitionException(
                    "agent " + agent + " is " + it.status() + " and cannot become " + AgentStatus.FINISHED);
        }
        Changes changes = new Changes();
        it.become(AgentStatus.FINISHED, null, now);
        it.counted(requests, failures);
        changes.add(new LaunchEvent.AgentFinished(agent, requests, failures, now));
        decideEnd(now, changes);
        return changes.done();
    }

    /** The agent's generator failed; {@code message} is the generator's own (what to fix). */
    public List<LaunchEvent> agentFailed(String agent, String message, Instant now) {
        Changes changes = new Changes();
        agent(agent).become(AgentStatus.FAILED, message, now);
        changes.add(new LaunchEvent.AgentFailed(agent, message, now));
        afterAgentLeft(agent, message, now, changes);
        return changes.done();
    }

    /** No heartbeat from the agent within its timeout (the agents' registry decides that). */
    public List<LaunchEvent> agentLost(String agent, Instant lastSeenAt, Instant now) {
        Changes changes = new Changes();
        String why = "lost: no heartbeat since " + lastSeenAt;
        agent(agent).become(AgentStatus.LOST, why, now);
        changes.add(new LaunchEvent.AgentLost(agent, why, now));
        afterAgentLeft(agent, why, now, changes);
        return changes.done();
    }

    /**
     * A report repeating the agent's status: its counts move on (never back, as reports may cross), and a
     * running agent's first request time is taken once. Nothing else changes; an ended agent keeps the
     * counts it ended with, so a retried final report is harmless.
     */
    public List<LaunchEvent> agentProgress(String agent, long requests, long failures, Instant firstRequestAt) {
        LaunchAgent it = agent(agent);
        Changes changes = new Changes();
        if (!it.status().isEnded() && it.progressed(requests, failures, firstRequestAt)) {
            changes.add(new LaunchEvent.AgentProgressed(agent, it.requests(), it.failures()));
        }
        return changes.done();
    }

    // ---- what the server decides

    /**
     * Called whenever the caller's timer fires (any replica): once the readiness deadline has passed
     * with the launch still waiting, it starts with the agents that are READY if they make the quorum,
     * and fails naming every agent and region that is not ready otherwise.
     */
    public List<LaunchEvent> checkReadiness(Instant now) {
        Changes changes = new Changes();
        if (status.isBeforeStart() && !now.isBefore(readinessDeadline())) {
            decideReadiness(true, now, changes);
        }
        return changes.done();
    }

    /**
     * The agents asked to be started for this launch will not come: its provisioner failed, or none took the
     * request. Before the start the launch fails with that reason; after it, its agents' heartbeats decide.
     */
    public List<LaunchEvent> provisioningFailed(String why, Instant now) {
        Changes changes = new Changes();
        if (status.isBeforeStart()) {
            fail(why, false, now, changes);
        }
        return changes.done();
    }

    /**
     * A user asked to stop. Before the start the launch is STOPPED at once; after it, STOPPING until
     * every agent has ended. Stopping an ended or stopping launch changes nothing.
     */
    public List<LaunchEvent> stop(String by, Instant now) {
        Changes changes = new Changes();
        if (!status.isEnded() && status != LaunchStatus.STOPPING) {
            requestStop("stopped by " + by, now, changes);
        }
        return changes.done();
    }

    /** The same settings again, the plan's version pinned to the one this launch ran. */
    public LaunchRequest rerunRequest() {
        return request;
    }

    // ---- the rules

    private void afterAgentLeft(String agent, String why, Instant now, Changes changes) {
        if (status.isBeforeStart()) {
            decideReadiness(false, now, changes);
            return;
        }
        if (status == LaunchStatus.STARTING || status == LaunchStatus.RUNNING) {
            int started = count(LaunchAgent::startedWith);
            int healthy = count(a -> a.startedWith() && a.isHealthy());
            if (!policy.healthyEnough(healthy, started)) {
                requestStop("agent " + agent + " " + (why.startsWith("lost") ? why : "failed: " + why) + "; "
                        + healthy + " of " + started + " agents healthy, fewer than the "
                        + percent(policy.minHealthy()) + " the launch needs", now, changes);
                return;
            }
        }
        decideEnd(now, changes);
    }

    private void decideReadiness(boolean timedOut, Instant now, Changes changes) {
        if (!status.isBeforeStart()) {
            return;
        }
        int missing = shortfalls.stream().mapToInt(LaunchPlan.Shortfall::missing).sum();
        int asked = agents.size() + missing;
        int quorum = policy.quorumOf(asked);
        int ready = count(a -> a.status() == AgentStatus.READY);
        int waiting = count(Launch::isWaiting);
        if (!timedOut) {
            if (ready + waiting + missing < quorum) {
                fail(String.join("; ", notReady(false)), false, now, changes);
            } else if (waiting == 0 && missing == 0 && ready >= quorum) {
                scheduleStart(now, changes);
            }
            return;
        }
        List<String> notReady = notReady(true);
        changes.add(new LaunchEvent.ReadinessTimedOut(notReady));
        if (ready >= quorum) {
            for (LaunchAgent agent : agents.values()) {
                if (isWaiting(agent)) {
                    String why = notReadyInTime(agent) + "; started without it, " + ready + " of " + asked
                            + " agents ready met the quorum";
                    release(agent, AgentStatus.FAILED, why, now, changes);
                }
            }
            scheduleStart(now, changes);
        } else {
            fail(String.join("; ", notReady), true, now, changes);
        }
    }

    private void scheduleStart(Instant now, Changes changes) {
        startAt = now.plus(policy.startBuffer());
        List<String> names = new ArrayList<>();
        for (LaunchAgent agent : agents.values()) {
            if (agent.status() == AgentStatus.READY) {
                agent.includedInStart();
                names.add(agent.name());
            }
        }
        changes.add(new LaunchEvent.StartScheduled(startAt, names));
        moveTo(LaunchStatus.STARTING, null, now, changes);
    }

    private void requestStop(String why, Instant now, Changes changes) {
        changes.add(new LaunchEvent.StopRequested(why, now));
        boolean beforeStart = status.isBeforeStart()
                || (status == LaunchStatus.STARTING && now.isBefore(startAt));
        if (beforeStart) {
            for (LaunchAgent agent : agents.values()) {
                if (!agent.status().isEnded()) {
                    release(agent, AgentStatus.FINISHED, "stopped before the start", now, changes);
                }
            }
            moveTo(LaunchStatus.STOPPED, why, now, changes);
            return;
        }
        moveTo(LaunchStatus.STOPPING, why, now, changes);
        decideEnd(now, changes);
    }

    private void fail(String why, boolean timedOut, Instant now, Changes changes) {
        for (LaunchAgent agent : agents.values()) {
            if (timedOut && isWaiting(agent)) {
                release(agent, AgentStatus.FAILED, notReadyInTime(agent), now, changes);
            } else if (!agent.status().isEnded()) {
                release(agent, AgentStatus.FINISHED, "the launch failed before the start", now, changes);
            }
        }
        moveTo(LaunchStatus.FAILED, why, now, changes);
    }

    /** Once every agent has ended after the start, the launch ends and its run is due to be committed. */
    private void decideEnd(Instant now, Changes changes) {
        if (status.isBeforeStart() || status.isEnded() || count(a -> !a.status().isEnded()) > 0) {
            return;
        }
        if (status == LaunchStatus.STOPPING) {
            moveTo(LaunchStatus.STOPPED, reason, now, changes);
        } else if (count(a -> a.startedWith() && a.status() == AgentStatus.FINISHED) > 0) {
            moveTo(LaunchStatus.COMPLETED, null, now, changes);
        } else {
            moveTo(LaunchStatus.FAILED, "every agent failed: " + String.join("; ", notReady(false)), now, changes);
        }
        changes.add(new LaunchEvent.RunCommitDue(runUuid));
    }

    private List<String> notReady(boolean timedOut) {
        List<String> reasons = new ArrayList<>();
        for (LaunchAgent agent : agents.values()) {
            if (agent.status() == AgentStatus.FAILED || agent.status() == AgentStatus.LOST) {
                reasons.add("agent " + agent.name() + ": " + agent.reason());
            } else if (timedOut && isWaiting(agent)) {
                reasons.add("agent " + agent.name() + ": " + notReadyInTime(agent));
            }
        }
        shortfalls.forEach(shortfall -> reasons.add(shortfall.reason()));
        return reasons;
    }

    private String notReadyInTime(LaunchAgent agent) {
        return "not READY within " + seconds(policy.readinessTimeout()) + " (still " + agent.status() + ")";
    }

    private void release(LaunchAgent agent, AgentStatus endedAs, String why, Instant now, Changes changes) {
        agent.become(endedAs, why, now);
        changes.add(new LaunchEvent.AgentReleased(agent.name(), endedAs, why));
    }

    private void moveTo(LaunchStatus next, String why, Instant now, Changes changes) {
        if (!status.canBecome(next)) {
            throw new IllegalLaunchTransitionException("launch " + id + " is " + status + " and cannot become " + next);
        }
        LaunchStatus from = status;
        status = next;
        reason = why;
        if (next.isEnded()) {
            endedAt = now;
        }
        changes.add(new LaunchEvent.StatusChanged(from, next, why, now));
    }

    private static boolean isWaiting(LaunchAgent agent) {
        return agent.status() == AgentStatus.ASSIGNED || agent.status() == AgentStatus.PREPARING;
    }

    private int count(Predicate<LaunchAgent> which) {
        return (int) agents.values().stream().filter(which).count();
    }

    private LaunchAgent agent(String name) {
        LaunchAgent agent = agents.get(name);
        if (agent == null) {
            throw new UnknownLaunchAgentException(id, name);
        }
        return agent;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    /** The events of one change; the version moves once per change that had any. */
    private final class Changes {
        private final List<LaunchEvent> events = new ArrayList<>();

        void add(LaunchEvent event) {
            events.add(event);
        }

        List<LaunchEvent> done() {
            if (!events.isEmpty()) {
                version++;
                changed.addAll(events);
            }
            return List.copyOf(events);
        }
    }

    // ---- what the launch shows

    /** Latest minus earliest first request of the agents that started; null before any started. */
    public Long skewMs() {
        List<Instant> firsts = agents.values().stream().map(LaunchAgent::firstRequestAt)
                .filter(java.util.Objects::nonNull).sorted().toList();
        return firsts.isEmpty() ? null : Duration.between(firsts.get(0), firsts.get(firsts.size() - 1)).toMillis();
    }

    /** The launch has ended after its start: its run must be committed (the caller does it once). */
    public boolean isRunCommitDue() {
        return status.isEnded() && startAt != null;
    }

    public Instant readinessDeadline() {
        return createdAt.plus(policy.readinessTimeout());
    }

    public long id() {
        return id;
    }

    public String runUuid() {
        return runUuid;
    }

    public LaunchRequest request() {
        return request;
    }

    public LaunchPolicy policy() {
        return policy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<LaunchPlan.Shortfall> shortfalls() {
        return shortfalls;
    }

    public List<LaunchAgent> agents() {
        return List.copyOf(agents.values());
    }

    public LaunchAgent agentNamed(String name) {
        return agent(name);
    }

    public LaunchStatus status() {
        return status;
    }

    /** Why it FAILED or STOPPED (or is STOPPING); null otherwise. */
    public String reason() {
        return reason;
    }

    /** The common start, server time; null until every agent that counts is READY. */
    public Instant startAt() {
        return startAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** The events of every change since the launch was restored (or opened), in order. */
    List<LaunchEvent> changedSinceRestore() {
        return List.copyOf(changed);
    }

    /** Bumped by every change, for the caller's optimistic lock. */
    public long version() {
        return version;
    }
}
