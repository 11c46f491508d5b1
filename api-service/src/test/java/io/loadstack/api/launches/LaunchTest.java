package io.loadstack.api.launches;

import io.loadstack.api.launches.LaunchEvent.AgentAssigned;
import io.loadstack.api.launches.LaunchEvent.AgentReleased;
import io.loadstack.api.launches.LaunchEvent.ReadinessTimedOut;
import io.loadstack.api.launches.LaunchEvent.RunCommitDue;
import io.loadstack.api.launches.LaunchEvent.StartScheduled;
import io.loadstack.api.launches.LaunchEvent.StatusChanged;
import io.loadstack.api.launches.LaunchEvent.StopRequested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final List<OnlineAgent> ONLINE = List.of(
            new OnlineAgent("eu-1", "eu"), new OnlineAgent("eu-2", "eu"), new OnlineAgent("us-1", "us"));
    private static final List<String> ALL = List.of("eu-1", "eu-2", "us-1");

    private static Launch.Opened open(Map<String, Integer> regions, LaunchPolicy policy) {
        LaunchRequest request = LaunchPlanningTest.request(regions, 30, 10, 60);
        return Launch.open(42, "run-uuid", request, 3, LaunchPlanner.plan(request, ONLINE), policy, T0);
    }

    /** Three agents (eu-1, eu-2, us-1), 10 users each. */
    private static Launch launch(LaunchPolicy policy) {
        return open(Map.of("eu", 2, "us", 1), policy).launch();
    }

    private static Launch ready(LaunchPolicy policy, Instant at) {
        Launch launch = launch(policy);
        ALL.forEach(agent -> launch.agentPreparing(agent, at.minusSeconds(1)));
        ALL.forEach(agent -> launch.agentReady(agent, "JMeter 5.6.3", at));
        return launch;
    }

    private static Launch running(LaunchPolicy policy) {
        Launch launch = ready(policy, T0.plusSeconds(5));
        ALL.forEach(agent -> launch.agentStarted(agent, launch.startAt(), T0.plusSeconds(8)));
        return launch;
    }

    private static <E extends LaunchEvent> List<E> only(Class<E> type, List<LaunchEvent> events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void openingAssignsEveryAgentItsShare() {
        Launch.Opened opened = open(Map.of("eu", 2, "us", 1), LaunchPolicy.DEFAULTS);
        assertEquals(List.of(new AgentAssigned("eu-1", "eu", 10, 10, 1.0), new AgentAssigned("eu-2", "eu", 10, 10, 1.0),
                new AgentAssigned("us-1", "us", 10, 10, 1.0)), opened.events());
        Launch launch = opened.launch();
        assertEquals(LaunchStatus.PENDING, launch.status());
        assertEquals(0, launch.version());
        launch.agents().forEach(agent -> assertEquals(AgentStatus.ASSIGNED, agent.status()));
        assertEquals(T0.plusSeconds(60), launch.readinessDeadline());
    }

    @Test
    void theFirstAgentPreparingMovesTheLaunchToPreparing() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        List<LaunchEvent> events = launch.agentPreparing("eu-1", T0.plusSeconds(1));
        assertEquals(List.of(new LaunchEvent.AgentPreparing("eu-1", T0.plusSeconds(1)),
                new StatusChanged(LaunchStatus.PENDING, LaunchStatus.PREPARING, null, T0.plusSeconds(1))), events);
        assertEquals(List.of(new LaunchEvent.AgentPreparing("eu-2", T0.plusSeconds(2))),
                launch.agentPreparing("eu-2", T0.plusSeconds(2)));
    }

    @Test
    void aLaunchStartsOnlyWhenEveryAgentIsReady() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        ALL.forEach(agent -> launch.agentPreparing(agent, T0.plusSeconds(1)));
        assertEquals(List.of(new LaunchEvent.AgentReady("eu-1", "JMeter 5.6.3", T0.plusSeconds(3))),
                launch.agentReady("eu-1", "JMeter 5.6.3", T0.plusSeconds(3)));
        launch.agentReady("us-1", "Locust 2.12", T0.plusSeconds(4));
        assertEquals(LaunchStatus.PREPARING, launch.status());
        assertNull(launch.startAt());

        List<LaunchEvent> events = launch.agentReady("eu-2", "JMeter 5.6.3", T0.plusSeconds(9));

        // The common start is a buffer ahead of the moment the last one became ready.
        assertEquals(List.of(new StartScheduled(T0.plusSeconds(11), ALL)), only(StartScheduled.class, events));
        assertEquals(LaunchStatus.STARTING, launch.status());
        assertEquals(T0.plusSeconds(11), launch.startAt());
        assertEquals("Locust 2.12", launch.agentNamed("us-1").readyMessage());
        launch.agents().forEach(agent -> assertTrue(agent.startedWith(), agent.name()));
    }

    @Test
    void theFirstAgentStartedMovesTheLaunchToRunning() {
        Launch launch = ready(LaunchPolicy.DEFAULTS, T0.plusSeconds(5));
        List<LaunchEvent> events = launch.agentStarted("eu-1", T0.plusSeconds(7), T0.plusSeconds(8));
        assertEquals(List.of(new LaunchEvent.AgentStarted("eu-1", T0.plusSeconds(7)),
                new StatusChanged(LaunchStatus.STARTING, LaunchStatus.RUNNING, null, T0.plusSeconds(8))), events);
        assertEquals(AgentStatus.RUNNING, launch.agentNamed("eu-1").status());
        assertEquals(AgentStatus.READY, launch.agentNamed("eu-2").status());
    }

    @Test
    void skewIsTheLatestMinusTheEarliestFirstRequest() {
        Launch launch = ready(LaunchPolicy.DEFAULTS, T0);
        assertNull(launch.skewMs());
        Instant startAt = launch.startAt();
        launch.agentStarted("eu-2", startAt.plusMillis(4), startAt.plusSeconds(1));
        assertEquals(0L, launch.skewMs());
        launch.agentStarted("us-1", startAt.plusMillis(31), startAt.plusSeconds(1));
        launch.agentStarted("eu-1", startAt.minusMillis(2), startAt.plusSeconds(1));
        assertEquals(33L, launch.skewMs());
    }

    @Test
    void everyAgentFinishedCompletesTheLaunchAndItsRunIsDueToCommit() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        Instant end = T0.plusSeconds(70);
        assertEquals(List.of(new LaunchEvent.AgentFinished("eu-1", 1000, 3, end)),
                launch.agentFinished("eu-1", 1000, 3, end));
        launch.agentFinished("eu-2", 990, 0, end);
        assertFalse(launch.isRunCommitDue());

        List<LaunchEvent> events = launch.agentFinished("us-1", 1010, 1, end.plusSeconds(1));

        assertEquals(List.of(new StatusChanged(LaunchStatus.RUNNING, LaunchStatus.COMPLETED, null, end.plusSeconds(1)),
                new RunCommitDue("run-uuid")), events.subList(1, 3));
        assertEquals(LaunchStatus.COMPLETED, launch.status());
        assertTrue(launch.isRunCommitDue());
        assertEquals(end.plusSeconds(1), launch.endedAt());
        assertEquals(990, launch.agentNamed("eu-2").requests());
        assertEquals(3, launch.agentNamed("eu-1").failures());
    }

    @Test
    void aRegionWithoutAgentsFailsAfterTheReadinessTimeoutNamingTheRegion() {
        Launch launch = open(Map.of("ap", 1, "eu", 1), LaunchPolicy.DEFAULTS).launch();
        launch.agentPreparing("eu-1", T0.plusSeconds(1));
        launch.agentReady("eu-1", "ok", T0.plusSeconds(2));
        assertEquals(LaunchStatus.PREPARING, launch.status(), "the missing agent is waited for");
        assertEquals(List.of(), launch.checkReadiness(T0.plusSeconds(59)));

        List<LaunchEvent> events = launch.checkReadiness(T0.plusSeconds(60));

        assertEquals(List.of(new ReadinessTimedOut(List.of("region ap: no agent online"))),
                only(ReadinessTimedOut.class, events));
        assertEquals(LaunchStatus.FAILED, launch.status());
        assertEquals("region ap: no agent online", launch.reason());
        assertEquals(List.of(new AgentReleased("eu-1", AgentStatus.FINISHED, "the launch failed before the start")),
                only(AgentReleased.class, events));
        assertFalse(launch.isRunCommitDue(), "nothing ran");
    }

    @Test
    void aLaunchWithNoAgentOnlineAtAllFailsAfterTheTimeout() {
        LaunchRequest request = LaunchPlanningTest.request(Map.of("us", 2), 2, 0, 60);
        Launch launch = Launch.open(1, "r", request, 1, LaunchPlanner.plan(request, List.of()),
                LaunchPolicy.DEFAULTS, T0).launch();
        launch.checkReadiness(T0.plusSeconds(61));
        assertEquals(LaunchStatus.FAILED, launch.status());
        assertEquals("region us: no agent online", launch.reason());
    }

    @Test
    void aPlanThatDoesNotParseFailsTheLaunchAtOnceWithTheGeneratorsMessage() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        ALL.forEach(agent -> launch.agentPreparing(agent, T0.plusSeconds(1)));
        launch.agentReady("eu-1", "ok", T0.plusSeconds(2));

        List<LaunchEvent> events = launch.agentFailed("eu-2", "locustfile.py line 3: SyntaxError: invalid syntax",
                T0.plusSeconds(3));

        assertEquals(LaunchStatus.FAILED, launch.status());
        assertEquals("agent eu-2: locustfile.py line 3: SyntaxError: invalid syntax", launch.reason());
        assertEquals(List.of("eu-1", "us-1"), only(AgentReleased.class, events).stream().map(AgentReleased::agent).toList());
        assertEquals(AgentStatus.FAILED, launch.agentNamed("eu-2").status());
        assertEquals(AgentStatus.FINISHED, launch.agentNamed("us-1").status());
    }

    @Test
    void anAgentNotReadyInTimeIsNamedWithTheStateItWasStuckIn() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        launch.agentPreparing("eu-1", T0.plusSeconds(1));
        launch.agentReady("eu-1", "ok", T0.plusSeconds(2));
        launch.agentPreparing("us-1", T0.plusSeconds(1));

        launch.checkReadiness(T0.plusSeconds(60));

        assertEquals(LaunchStatus.FAILED, launch.status());
        assertEquals("agent eu-2: not READY within 60 s (still ASSIGNED); "
                + "agent us-1: not READY within 60 s (still PREPARING)", launch.reason());
        assertEquals(AgentStatus.FAILED, launch.agentNamed("us-1").status());
        assertEquals("not READY within 60 s (still PREPARING)", launch.agentNamed("us-1").reason());
    }

    @Test
    void withAQuorumTheReadyAgentsStartAtTheTimeoutAndTheOthersAreDropped() {
        Launch launch = launch(LaunchPolicy.DEFAULTS.withQuorum(0.5));
        ALL.forEach(agent -> launch.agentPreparing(agent, T0.plusSeconds(1)));
        launch.agentReady("eu-1", "ok", T0.plusSeconds(2));
        launch.agentReady("us-1", "ok", T0.plusSeconds(3));
        assertEquals(LaunchStatus.PREPARING, launch.status(), "a quorum waits for the others until the timeout");

        List<LaunchEvent> events = launch.checkReadiness(T0.plusSeconds(60));

        String dropped = "not READY within 60 s (still PREPARING); started without it, 2 of 3 agents ready met the quorum";
        assertEquals(List.of(new AgentReleased("eu-2", AgentStatus.FAILED, dropped)), only(AgentReleased.class, events));
        assertEquals(List.of(new StartScheduled(T0.plusSeconds(62), List.of("eu-1", "us-1"))),
                only(StartScheduled.class, events));
        assertEquals(LaunchStatus.STARTING, launch.status());
        assertFalse(launch.agentNamed("eu-2").startedWith());
    }

    @Test
    void withAQuorumTooFewReadyAtTheTimeoutStillFails() {
        Launch launch = launch(LaunchPolicy.DEFAULTS.withQuorum(0.6));
        launch.agentPreparing("eu-1", T0);
        launch.agentReady("eu-1", "ok", T0);
        launch.checkReadiness(T0.plusSeconds(60));
        assertEquals(LaunchStatus.FAILED, launch.status());
    }

    @Test
    void withAQuorumAFailedAgentNeedNotBeWaitedFor() {
        Launch launch = launch(LaunchPolicy.DEFAULTS.withQuorum(0.5));
        ALL.forEach(agent -> launch.agentPreparing(agent, T0));
        launch.agentFailed("us-1", "no python3-locust", T0.plusSeconds(1));
        assertEquals(LaunchStatus.PREPARING, launch.status());
        launch.agentReady("eu-1", "ok", T0.plusSeconds(2));
        launch.agentReady("eu-2", "ok", T0.plusSeconds(3));
        assertEquals(LaunchStatus.STARTING, launch.status());
        assertEquals(T0.plusSeconds(5), launch.startAt());
    }

    @Test
    void anAgentLostMidRunStopsTheLaunchWhenTooFewAreLeft() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        launch.agentLost("eu-1", T0.plusSeconds(20), T0.plusSeconds(30));
        assertEquals(LaunchStatus.RUNNING, launch.status(), "2 of 3 healthy is enough");

        List<LaunchEvent> events = launch.agentLost("eu-2", T0.plusSeconds(25), T0.plusSeconds(35));

        String why = "agent eu-2 lost: no heartbeat since 2026-12-02T10:00:25Z; 1 of 3 agents healthy, "
                + "fewer than the 50 % the launch needs";
        assertEquals(List.of(new StopRequested(why, T0.plusSeconds(35))), only(StopRequested.class, events));
        assertEquals(LaunchStatus.STOPPING, launch.status());
        assertEquals(why, launch.reason());

        List<LaunchEvent> last = launch.agentFinished("us-1", 500, 0, T0.plusSeconds(36));
        assertEquals(LaunchStatus.STOPPED, launch.status());
        assertEquals(why, launch.reason());
        assertEquals(List.of(new RunCommitDue("run-uuid")), only(RunCommitDue.class, last));
        assertEquals(AgentStatus.LOST, launch.agentNamed("eu-1").status());
    }

    @Test
    void anAgentFailingMidRunIsToleratedWhileEnoughAreHealthy() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        launch.agentFailed("us-1", "generator exited with code 137", T0.plusSeconds(30));
        launch.agentFinished("eu-1", 10, 0, T0.plusSeconds(70));
        launch.agentFinished("eu-2", 10, 0, T0.plusSeconds(70));
        assertEquals(LaunchStatus.COMPLETED, launch.status());
        assertEquals("generator exited with code 137", launch.agentNamed("us-1").reason());
        assertTrue(launch.isRunCommitDue());
    }

    @Test
    void everyAgentFailingWithoutAHealthPolicyFailsTheLaunch() {
        Launch launch = running(LaunchPolicy.DEFAULTS.withMinHealthy(0));
        ALL.forEach(agent -> launch.agentFailed(agent, "boom", T0.plusSeconds(30)));
        assertEquals(LaunchStatus.FAILED, launch.status());
        assertEquals("every agent failed: agent eu-1: boom; agent eu-2: boom; agent us-1: boom", launch.reason());
        assertTrue(launch.isRunCommitDue(), "what they sent before failing is kept");
    }

    @Test
    void stoppingTwiceIsHarmless() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        List<LaunchEvent> first = launch.stop("alice", T0.plusSeconds(20));
        assertEquals(List.of(new StopRequested("stopped by alice", T0.plusSeconds(20)),
                new StatusChanged(LaunchStatus.RUNNING, LaunchStatus.STOPPING, "stopped by alice", T0.plusSeconds(20))),
                first);
        long version = launch.version();

        assertEquals(List.of(), launch.stop("bob", T0.plusSeconds(21)));
        assertEquals(version, launch.version());

        ALL.forEach(agent -> launch.agentFinished(agent, 1, 0, T0.plusSeconds(22)));
        assertEquals(LaunchStatus.STOPPED, launch.status());
        assertEquals("stopped by alice", launch.reason());
        assertEquals(List.of(), launch.stop("alice", T0.plusSeconds(23)), "and once stopped, too");
    }

    @Test
    void stoppingBeforeTheStartStopsAtOnce() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        launch.agentPreparing("eu-1", T0);
        List<LaunchEvent> events = launch.stop("alice", T0.plusSeconds(1));
        assertEquals(LaunchStatus.STOPPED, launch.status());
        assertEquals("stopped by alice", launch.reason());
        assertEquals(ALL, only(AgentReleased.class, events).stream().map(AgentReleased::agent).toList());
        launch.agents().forEach(agent -> assertEquals(AgentStatus.FINISHED, agent.status()));
        assertFalse(launch.isRunCommitDue());
    }

    @Test
    void stoppingBetweenTheScheduleAndTheStartStopsAtOnceButAfterTheStartWaitsForTheAgents() {
        Launch early = ready(LaunchPolicy.DEFAULTS, T0);
        early.stop("alice", T0.plusSeconds(1));
        assertEquals(LaunchStatus.STOPPED, early.status());

        // Past startAt the agents may have started without having said so yet.
        Launch late = ready(LaunchPolicy.DEFAULTS, T0);
        late.stop("alice", T0.plusSeconds(3));
        assertEquals(LaunchStatus.STOPPING, late.status());
        ALL.forEach(agent -> late.agentFinished(agent, 0, 0, T0.plusSeconds(4)));
        assertEquals(LaunchStatus.STOPPED, late.status());
    }

    @Test
    void aFinishedAgentCannotBecomeReady() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        launch.agentFinished("eu-2", 1, 0, T0.plusSeconds(70));
        long version = launch.version();
        var refused = assertThrows(IllegalLaunchTransitionException.class,
                () -> launch.agentReady("eu-2", "ok", T0.plusSeconds(71)));
        assertEquals("agent eu-2 is FINISHED and cannot become READY", refused.getMessage());
        assertEquals(version, launch.version(), "a refused report changes nothing");
    }

    @Test
    void anAgentCannotSkipPreparing() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        var refused = assertThrows(IllegalLaunchTransitionException.class,
                () -> launch.agentReady("eu-1", "ok", T0));
        assertEquals("agent eu-1 is ASSIGNED and cannot become READY", refused.getMessage());
    }

    @Test
    void anAgentCannotStartBeforeTheStartIsScheduled() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        launch.agentPreparing("eu-1", T0);
        var refused = assertThrows(IllegalLaunchTransitionException.class,
                () -> launch.agentStarted("eu-1", T0, T0));
        assertEquals("launch 42 is PREPARING: agent eu-1 cannot start before the start is scheduled",
                refused.getMessage());
    }

    @Test
    void anAgentThatDidNotRunCannotFinish() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        launch.agentPreparing("eu-1", T0);
        var refused = assertThrows(IllegalLaunchTransitionException.class,
                () -> launch.agentFinished("eu-1", 0, 0, T0));
        assertEquals("agent eu-1 is PREPARING and cannot become FINISHED", refused.getMessage());
    }

    @Test
    void anAgentDroppedByTheQuorumCannotStart() {
        Launch launch = launch(LaunchPolicy.DEFAULTS.withQuorum(0.5));
        ALL.forEach(agent -> launch.agentPreparing(agent, T0));
        launch.agentReady("eu-1", "ok", T0);
        launch.agentReady("eu-2", "ok", T0);
        launch.checkReadiness(T0.plusSeconds(60));
        var refused = assertThrows(IllegalLaunchTransitionException.class,
                () -> launch.agentReady("us-1", "late", T0.plusSeconds(61)));
        assertEquals("agent us-1 is FAILED and cannot become READY", refused.getMessage());
    }

    @Test
    void aReportFromAnAgentNotInTheLaunchIsRefused() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        var refused = assertThrows(UnknownLaunchAgentException.class, () -> launch.agentPreparing("ap-1", T0));
        assertEquals("agent ap-1 is not part of launch 42", refused.getMessage());
    }

    @Test
    void theReadinessTimeoutChangesNothingOnceStarted() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        assertEquals(List.of(), launch.checkReadiness(T0.plusSeconds(600)));
        assertEquals(LaunchStatus.RUNNING, launch.status());
    }

    @Test
    void everyChangeBumpsTheVersionOnce() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        launch.agentPreparing("eu-1", T0);
        assertEquals(1, launch.version());
        launch.checkReadiness(T0.plusSeconds(1));
        assertEquals(1, launch.version(), "nothing happened");
        launch.agentPreparing("eu-2", T0);
        assertEquals(2, launch.version());
    }

    @Test
    void aRerunAsksForTheSameSettingsWithThePlanVersionItRan() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        LaunchRequest again = launch.rerunRequest();
        assertEquals(new LaunchRequest(7, 3, Map.of("eu", 2, "us", 1), 30, 10, 60, "http://shop.internal",
                Map.of("threads.loop", "-1")), again);
        LaunchPlan plan = LaunchPlanner.plan(again, ONLINE);
        Launch rerun = Launch.open(43, "run-2", again, again.planVersion(), plan, LaunchPolicy.DEFAULTS,
                T0.plusSeconds(100)).launch();
        assertEquals(LaunchStatus.PENDING, rerun.status());
        assertEquals(again, rerun.rerunRequest());
    }

    @Test
    void aRestoredLaunchGoesOnWhereItWas() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        List<LaunchAgent> agents = launch.agents().stream().map(a -> LaunchAgent.restore(a.name(), a.region(),
                a.users(), a.rampUpSeconds(), a.spawnRatePerSecond(), a.status(), a.reason(), a.readyMessage(),
                a.startedWith(), a.firstRequestAt(), a.requests(), a.failures(), a.endedAt())).toList();
        Launch restored = Launch.restore(launch.id(), launch.runUuid(), launch.request(), launch.policy(),
                launch.createdAt(), launch.shortfalls(), agents, launch.status(), launch.reason(), launch.startAt(),
                launch.endedAt(), launch.version());
        ALL.forEach(agent -> restored.agentFinished(agent, 1, 0, T0.plusSeconds(70)));
        assertEquals(LaunchStatus.COMPLETED, restored.status());
        assertEquals(launch.version() + 3, restored.version());
    }

    @Test
    void aFailedLaunchNamesEveryAgentAndRegionThatWasNotReady() {
        Launch launch = open(Map.of("ap", 1, "eu", 2), LaunchPolicy.DEFAULTS).launch();
        launch.agentPreparing("eu-2", T0);
        launch.agentFailed("eu-2", "locustfile.py line 3: SyntaxError", T0.plusSeconds(1));
        assertEquals(LaunchStatus.FAILED, launch.status());
        assertEquals("agent eu-2: locustfile.py line 3: SyntaxError; region ap: no agent online", launch.reason());
    }

    @Test
    void withAQuorumAMissingRegionIsWaitedForThenStartedWithout() {
        Launch launch = open(Map.of("ap", 1, "eu", 2), LaunchPolicy.DEFAULTS.withQuorum(0.5)).launch();
        launch.agentPreparing("eu-1", T0);
        launch.agentPreparing("eu-2", T0);
        launch.agentReady("eu-1", "ok", T0.plusSeconds(1));
        launch.agentReady("eu-2", "ok", T0.plusSeconds(1));
        assertEquals(LaunchStatus.PREPARING, launch.status());

        List<LaunchEvent> events = launch.checkReadiness(T0.plusSeconds(60));

        assertEquals(List.of(new ReadinessTimedOut(List.of("region ap: no agent online"))),
                only(ReadinessTimedOut.class, events));
        assertEquals(LaunchStatus.STARTING, launch.status());
        assertEquals(T0.plusSeconds(62), launch.startAt());
    }

    @Test
    void aRepeatedReportMovesTheCountsOnButNeverBack() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        long version = launch.version();
        assertEquals(List.of(new LaunchEvent.AgentProgressed("eu-1", 120, 3)),
                launch.agentProgress("eu-1", 120, 3, null));
        assertEquals(version + 1, launch.version());
        assertEquals(List.of(), launch.agentProgress("eu-1", 100, 2, null), "a report crossing a later one");
        assertEquals(120, launch.agentNamed("eu-1").requests());
        assertEquals(3, launch.agentNamed("eu-1").failures());
        assertEquals(version + 1, launch.version(), "nothing moved, no new version");
    }

    @Test
    void progressTakesTheFirstRequestTimeOnceWhileRunning() {
        Launch launch = ready(LaunchPolicy.DEFAULTS, T0);
        assertEquals(List.of(), launch.agentProgress("eu-1", 0, 0, T0), "not running yet");
        assertNull(launch.agentNamed("eu-1").firstRequestAt());
        Instant startAt = launch.startAt();
        launch.agentStarted("eu-1", startAt.plusMillis(5), startAt.plusSeconds(1));
        launch.agentProgress("eu-1", 10, 0, startAt.plusMillis(900));
        assertEquals(startAt.plusMillis(5), launch.agentNamed("eu-1").firstRequestAt());
    }

    @Test
    void anEndedAgentKeepsTheCountsItEndedWith() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        launch.agentFinished("eu-1", 500, 5, T0.plusSeconds(70));
        assertEquals(List.of(), launch.agentProgress("eu-1", 900, 9, null));
        assertEquals(500, launch.agentNamed("eu-1").requests());
    }

    @Test
    void provisioningThatFailsBeforeTheStartFailsTheLaunchWithItsReason() {
        Launch launch = launch(LaunchPolicy.DEFAULTS);
        launch.agentPreparing("eu-1", T0.plusSeconds(1));
        List<LaunchEvent> events = launch.provisioningFailed("provisioning failed: no such image", T0.plusSeconds(2));
        assertEquals(LaunchStatus.FAILED, launch.status());
        assertEquals("provisioning failed: no such image", launch.reason());
        assertEquals(3, only(AgentReleased.class, events).size(), "every agent is stood down");
        assertTrue(launch.agents().stream().allMatch(agent -> agent.status().isEnded()));
    }

    @Test
    void provisioningThatFailsAfterTheStartLeavesTheLaunchToItsAgents() {
        Launch launch = running(LaunchPolicy.DEFAULTS);
        assertEquals(List.of(), launch.provisioningFailed("provisioning failed: late", T0.plusSeconds(9)));
        assertEquals(LaunchStatus.RUNNING, launch.status());
        Launch stopped = launch(LaunchPolicy.DEFAULTS);
        stopped.stop("ann", T0.plusSeconds(1));
        assertEquals(List.of(), stopped.provisioningFailed("provisioning failed: late", T0.plusSeconds(2)));
        assertEquals("stopped by ann", stopped.reason());
    }
}
