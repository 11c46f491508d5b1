package io.loadstack.api.launches;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchPlanningTest {

    private static final List<OnlineAgent> ONLINE = List.of(
            new OnlineAgent("eu-2", "eu"), new OnlineAgent("eu-1", "eu"), new OnlineAgent("eu-3", "eu"),
            new OnlineAgent("us-1", "us"), new OnlineAgent("us-2", "us"));

    static LaunchRequest request(Map<String, Integer> regions, int users, int rampUp, int duration) {
        return new LaunchRequest(7, null, regions, users, rampUp, duration, "http://shop.internal",
                Map.of("threads.loop", "-1"));
    }

    @Test
    void usersAreSplitSoThatTheirSumIsWhatWasAsked() {
        assertArrayEquals(new int[] {8, 8, 7, 7}, LaunchPlanner.split(30, 4));
        LaunchPlan plan = LaunchPlanner.plan(request(Map.of("eu", 2, "us", 2), 30, 10, 60), ONLINE);
        assertEquals(List.of(8, 8, 7, 7), plan.shares().stream().map(LaunchPlan.AgentShare::users).toList());
        assertEquals(List.of("eu-1", "eu-2", "us-1", "us-2"),
                plan.shares().stream().map(LaunchPlan.AgentShare::agent).toList());
        assertTrue(plan.shortfalls().isEmpty());
    }

    @Test
    void spawnRatesAddUpToTheUsersOverTheRampUp() {
        LaunchPlan plan = LaunchPlanner.plan(request(Map.of("eu", 3), 10, 4, 60), ONLINE);
        double total = plan.shares().stream().mapToDouble(LaunchPlan.AgentShare::spawnRatePerSecond).sum();
        assertEquals(10 / 4.0, total, 1e-9);
        plan.shares().forEach(share -> assertEquals(4, share.rampUpSeconds()));
        assertEquals(List.of(4 / 4.0, 3 / 4.0, 3 / 4.0),
                plan.shares().stream().map(LaunchPlan.AgentShare::spawnRatePerSecond).toList());
    }

    @Test
    void withoutRampUpEveryAgentStartsAllItsUsersAtOnce() {
        LaunchPlan plan = LaunchPlanner.plan(request(Map.of("us", 2), 5, 0, 60), ONLINE);
        assertEquals(List.of(3.0, 2.0), plan.shares().stream().map(LaunchPlan.AgentShare::spawnRatePerSecond).toList());
    }

    @Test
    void anySplitSumsExactlyAndNoShareIsMoreThanOneAboveAnother() {
        Random random = new Random(14);
        for (int i = 0; i < 10_000; i++) {
            int parts = 1 + random.nextInt(50);
            int total = parts + random.nextInt(100_000);
            int[] shares = LaunchPlanner.split(total, parts);
            assertEquals(parts, shares.length);
            assertEquals(total, Arrays.stream(shares).sum(), total + " over " + parts);
            int max = Arrays.stream(shares).max().orElseThrow();
            int min = Arrays.stream(shares).min().orElseThrow();
            assertTrue(max - min <= 1, total + " over " + parts + ": " + Arrays.toString(shares));
        }
    }

    @Test
    void fewerUsersThanAgentsIsRefused() {
        var refused = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.plan(request(Map.of("eu", 3), 2, 0, 60), ONLINE));
        assertEquals(List.of("2 users cannot be split over 3 agents: ask for at least one user per agent"),
                refused.reasons());
    }

    @Test
    void aDurationOfZeroOrLessIsRefused() {
        for (int duration : new int[] {0, -5}) {
            var refused = assertThrows(InvalidLaunchRequestException.class,
                    () -> LaunchPlanner.plan(request(Map.of("eu", 1), 1, 0, duration), ONLINE));
            assertEquals(List.of("durationSeconds must be positive, was " + duration), refused.reasons());
        }
    }

    @Test
    void noRegionsIsRefused() {
        var refused = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.plan(request(Map.of(), 10, 0, 60), ONLINE));
        assertTrue(refused.getMessage().startsWith("no regions: ask for at least one agent"), refused.getMessage());
    }

    @Test
    void aRegionWithNoAgentsAskedIsRefused() {
        var refused = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.plan(request(Map.of("eu", 1, "us", 0), 10, 0, 60), ONLINE));
        assertEquals(List.of("region us: 0 agents asked; ask for at least 1"), refused.reasons());
    }

    @Test
    void everyReasonIsGivenAtOnce() {
        var bad = new LaunchRequest(7, null, Map.of("eu", 2), 1, 90, 0, " ", null);
        var refused = assertThrows(InvalidLaunchRequestException.class, () -> LaunchPlanner.plan(bad, ONLINE));
        assertEquals(List.of("1 users cannot be split over 2 agents: ask for at least one user per agent",
                "durationSeconds must be positive, was 0",
                "targetHost is required, e.g. http://shop.internal"), refused.reasons());
    }

    @Test
    void aRampUpLongerThanTheDurationIsRefused() {
        var refused = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.plan(request(Map.of("eu", 1), 5, 61, 60), ONLINE));
        assertEquals(List.of("rampUpSeconds (61) must not exceed durationSeconds (60)"), refused.reasons());
    }

    @Test
    void moreAgentsThanAreOnlineInARegionIsAShortfallNamingIt() {
        LaunchPlan plan = LaunchPlanner.plan(request(Map.of("eu", 1, "us", 3), 40, 0, 60), ONLINE);
        assertEquals(List.of(new LaunchPlan.Shortfall("us", 3, 2)), plan.shortfalls());
        assertEquals(4, plan.agentsAsked());
        var refused = assertThrows(AgentsUnavailableException.class, plan::requireEveryAgentOnline);
        assertEquals("region us: 3 agents asked, 2 online", refused.getMessage());
        // The missing agent keeps its share: the users the others run do not grow.
        assertEquals(List.of(10, 10, 10), plan.shares().stream().map(LaunchPlan.AgentShare::users).toList());
    }

    @Test
    void aRegionWithNoAgentOnlineIsNamed() {
        LaunchPlan plan = LaunchPlanner.plan(request(Map.of("ap", 1, "eu", 1), 2, 0, 60), ONLINE);
        var refused = assertThrows(AgentsUnavailableException.class, plan::requireEveryAgentOnline);
        assertEquals("region ap: no agent online", refused.getMessage());
        assertEquals(List.of("eu-1"), plan.shares().stream().map(LaunchPlan.AgentShare::agent).toList());
    }

    @Test
    void aPlanWithEveryAgentOnlinePasses() {
        LaunchPlan plan = LaunchPlanner.plan(request(Map.of("eu", 3, "us", 2), 5, 0, 60), ONLINE);
        assertEquals(plan, plan.requireEveryAgentOnline());
    }

    @Test
    void policyDefaultsAreWrittenOnceAndChecked() {
        assertEquals(60, LaunchPolicy.DEFAULTS.readinessTimeout().toSeconds());
        assertEquals(1.0, LaunchPolicy.DEFAULTS.quorum());
        assertEquals(3, LaunchPolicy.DEFAULTS.quorumOf(3));
        assertEquals(2, LaunchPolicy.DEFAULTS.withQuorum(0.5).quorumOf(4));
        assertEquals(1, LaunchPolicy.DEFAULTS.withQuorum(0.1).quorumOf(3));
        assertThrows(IllegalArgumentException.class, () -> LaunchPolicy.DEFAULTS.withQuorum(0));
        assertThrows(IllegalArgumentException.class, () -> LaunchPolicy.DEFAULTS.withMinHealthy(1.5));
    }

    @Test
    void aTargetThatIsNoHttpUrlIsRefused() {
        for (String target : List.of("shop.internal", "ftp://shop.internal", "http://", "http://shop internal", "javascript:alert(1)")) {
            var bad = new LaunchRequest(7, null, Map.of("eu", 1), 1, 0, 60, target, null);
            var refused = assertThrows(InvalidLaunchRequestException.class, () -> LaunchPlanner.plan(bad, ONLINE), target);
            assertTrue(refused.getMessage().startsWith("targetHost must be an http:// or https:// URL"), refused.getMessage());
        }
        LaunchPlanner.plan(new LaunchRequest(7, null, Map.of("eu", 1), 1, 0, 60, "https://shop.internal:8443/base", null), ONLINE);
    }

    @Test
    void aDurationBeyondADayIsRefused() {
        var refused = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.plan(request(Map.of("eu", 1), 5, 0, 24 * 3600 + 1), ONLINE));
        assertEquals(List.of("durationSeconds must be at most 86400 (24 h), was 86401"), refused.reasons());
    }

    @Test
    void tooManyOrBadPropertiesAreRefused() {
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i <= LaunchPlanner.MAX_PROPERTIES; i++) {
            many.put("p" + i, "v");
        }
        var tooMany = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.plan(new LaunchRequest(7, null, Map.of("eu", 1), 1, 0, 60, "http://s", many), ONLINE));
        assertEquals(List.of("101 properties: at most 100"), tooMany.reasons());
        var bad = assertThrows(InvalidLaunchRequestException.class, () -> LaunchPlanner.plan(new LaunchRequest(7, null,
                Map.of("eu", 1), 1, 0, 60, "http://s", Map.of("1st", "v", "long", "x".repeat(1001))), ONLINE));
        assertEquals(2, bad.reasons().size(), bad.getMessage());
    }

    @Test
    void moreAgentsThanALaunchMayHaveAreRefusedBeforeAnythingIsSplit() {
        var refused = assertThrows(InvalidLaunchRequestException.class, () -> LaunchPlanner.plan(
                request(Map.of("eu", Integer.MAX_VALUE, "us", Integer.MAX_VALUE), 5, 0, 60), ONLINE));
        assertTrue(refused.getMessage().contains("at most " + LaunchPlanner.MAX_AGENTS), refused.getMessage());
    }

    private static LaunchRequest provisioned(Map<String, Integer> regions, int users) {
        LaunchRequest online = request(regions, users, 0, 60);
        return new LaunchRequest(online.planId(), null, online.regions(), users, 0, 60, online.targetHost(),
                online.properties(), List.of(), null, Provision.DOCKER);
    }

    @Test
    void aProvisionedLaunchNamesOneAgentPerAgentAskedAfterItself() {
        LaunchPlan plan = LaunchPlanner.provisioned(provisioned(Map.of("us", 1, "eu", 2), 30), 42);
        assertEquals(List.of("l42-eu-1", "l42-eu-2", "l42-us-1"),
                plan.shares().stream().map(LaunchPlan.AgentShare::agent).toList());
        assertEquals(List.of("eu", "eu", "us"), plan.shares().stream().map(LaunchPlan.AgentShare::region).toList());
        assertEquals(List.of(), plan.shortfalls(), "every agent asked for is started: none is missing");
    }

    @Test
    void aProvisionedRegionMustBeAbleToNameAContainer() {
        var bad = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.provisioned(provisioned(Map.of("eu_west", 1, "-eu", 1, "a".repeat(33), 1), 3), 1));
        assertEquals(3, bad.reasons().size(), bad.reasons().toString());
        LaunchPlanner.provisioned(provisioned(Map.of("eu-west-1", 1, "a".repeat(32), 1), 2), 1);
    }

    @Test
    void atMostSoManyAgentsAreProvisionedForOneLaunch() {
        int many = LaunchPlanner.MAX_PROVISIONED_AGENTS + 1;
        var bad = assertThrows(InvalidLaunchRequestException.class,
                () -> LaunchPlanner.provisioned(provisioned(Map.of("eu", many), many), 1));
        assertTrue(bad.getMessage().contains("at most " + LaunchPlanner.MAX_PROVISIONED_AGENTS), bad.getMessage());
    }
}
