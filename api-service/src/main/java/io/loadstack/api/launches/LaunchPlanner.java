package io.loadstack.api.launches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Checks a launch request and splits it over the agents online: which agents run it, and how many
 * users each one runs. Stateless: the agents online come in as a parameter.
 */
public final class LaunchPlanner {

    private LaunchPlanner() {
    }

    /**
     * @throws InvalidLaunchRequestException when the request cannot be run whatever the agents online
     */
    public static LaunchPlan plan(LaunchRequest request, List<OnlineAgent> online) {
        validate(request);
        List<String> agents = new ArrayList<>();
        List<String> agentRegions = new ArrayList<>();
        List<LaunchPlan.Shortfall> shortfalls = new ArrayList<>();
        for (Map.Entry<String, Integer> region : request.regions().entrySet()) {
            List<String> here = online.stream()
                    .filter(agent -> agent.region().equals(region.getKey()))
                    .map(OnlineAgent::name)
                    .sorted(Comparator.naturalOrder())
                    .distinct()
                    .toList();
            int asked = region.getValue();
            here.stream().limit(asked).forEach(name -> {
                agents.add(name);
                agentRegions.add(region.getKey());
            });
            if (here.size() < asked) {
                shortfalls.add(new LaunchPlan.Shortfall(region.getKey(), asked, here.size()));
            }
        }
        // The users are split over every agent asked for, missing or not, so that a launch started
        // with a quorum runs the share each agent was given, not more.
        int[] users = split(request.users(), request.agentCount());
        List<LaunchPlan.AgentShare> shares = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            shares.add(new LaunchPlan.AgentShare(agents.get(i), agentRegions.get(i), users[i],
                    request.rampUpSeconds(), spawnRate(users[i], request.rampUpSeconds())));
        }
        return new LaunchPlan(shares, shortfalls);
    }

    /**
     * {@code total} over {@code parts} as evenly as whole numbers allow, the larger shares first:
     * 30 over 4 is 8, 8, 7, 7. The shares add up to {@code total} exactly.
     */
    public static int[] split(int total, int parts) {
        if (parts <= 0 || total < 0) {
            throw new IllegalArgumentException("cannot split " + total + " over " + parts);
        }
        int[] shares = new int[parts];
        for (int i = 0; i < parts; i++) {
            shares[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return shares;
    }

    /** Users started per second; with no ramp-up an agent starts all its users in the first second. */
    static double spawnRate(int users, int rampUpSeconds) {
        return rampUpSeconds == 0 ? users : (double) users / rampUpSeconds;
    }

    static void validate(LaunchRequest request) {
        List<String> reasons = new ArrayList<>();
        if (request.regions().isEmpty()) {
            reasons.add("no regions: ask for at least one agent in a region, e.g. {\"eu\": 1}");
        }
        request.regions().forEach((region, agents) -> {
            if (region == null || region.isBlank()) {
                reasons.add("a region needs a name");
            }
            if (agents == null || agents < 1) {
                reasons.add("region " + region + ": " + agents + " agents asked; ask for at least 1");
            }
        });
        int agents = request.agentCount();
        if (request.users() < 1) {
            reasons.add("users must be at least 1, was " + request.users());
        } else if (agents > 0 && request.users() < agents) {
            reasons.add(request.users() + " users cannot be split over " + agents
                    + " agents: ask for at least one user per agent");
        }
        if (request.durationSeconds() <= 0) {
            reasons.add("durationSeconds must be positive, was " + request.durationSeconds());
        }
        if (request.rampUpSeconds() < 0) {
            reasons.add("rampUpSeconds must not be negative, was " + request.rampUpSeconds());
        } else if (request.durationSeconds() > 0 && request.rampUpSeconds() > request.durationSeconds()) {
            reasons.add("rampUpSeconds (" + request.rampUpSeconds() + ") must not exceed durationSeconds ("
                    + request.durationSeconds() + ")");
        }
        if (request.targetHost() == null || request.targetHost().isBlank()) {
            reasons.add("targetHost is required, e.g. http://shop.internal");
        }
        if (!reasons.isEmpty()) {
            throw new InvalidLaunchRequestException(reasons);
        }
    }
}
