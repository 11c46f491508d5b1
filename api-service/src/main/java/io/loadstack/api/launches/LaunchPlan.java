package io.loadstack.api.launches;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The split of a request over agents: one share per agent found online, and a shortfall per region
 * that has fewer agents online than asked. A caller either refuses such a plan at once
 * ({@link #requireEveryAgentOnline()}) or opens the launch and lets the readiness timeout fail it,
 * naming the region.
 */
public record LaunchPlan(List<AgentShare> shares, List<Shortfall> shortfalls) {

    public LaunchPlan {
        shares = List.copyOf(shares);
        shortfalls = List.copyOf(shortfalls);
    }

    /**
     * One agent's part. Every agent ramps up over the same {@code rampUpSeconds}; its spawn rate is its
     * users over that time, so the rates add up to the one asked for, as the users do.
     */
    public record AgentShare(String agent, String region, int users, int rampUpSeconds, double spawnRatePerSecond) {
    }

    /** A region with fewer agents online than asked; its missing agents never become ready. */
    public record Shortfall(String region, int asked, int online) {
        public int missing() {
            return asked - online;
        }

        public String reason() {
            return online == 0
                    ? "region " + region + ": no agent online"
                    : "region " + region + ": " + asked + " agents asked, " + online + " online";
        }
    }

    public int agentsAsked() {
        return shares.size() + shortfalls.stream().mapToInt(Shortfall::missing).sum();
    }

    public LaunchPlan requireEveryAgentOnline() {
        if (!shortfalls.isEmpty()) {
            throw new AgentsUnavailableException(
                    shortfalls.stream().map(Shortfall::reason).collect(Collectors.joining("; ")));
        }
        return this;
    }
}
