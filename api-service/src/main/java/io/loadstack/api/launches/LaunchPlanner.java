package io.loadstack.api.launches;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a launch request and splits it over the agents online: which agents run it, and how many
 * users each one runs. Stateless: the agents online come in as a parameter.
 */
public final class LaunchPlanner {

    /** A day: a longer test is a mistake more often than a plan. */
    public static final int MAX_DURATION_SECONDS = 24 * 60 * 60;
    /** Bounds what one request can make the server allocate and the agents run. */
    public static final int MAX_AGENTS = 1000;
    public static final int MAX_USERS = 1_000_000;
    public static final int MAX_REGIONS = 50;
    public static final int MAX_PROPERTIES = 100;
    public static final int MAX_PROPERTY_NAME = 128;
    public static final int MAX_PROPERTY_VALUE = 1000;
    public static final int MAX_TARGET_HOST = 2000;
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Agents started for one launch: bounded by what one Docker host or Swarm should be asked for at once. */
    public static final int MAX_PROVISIONED_AGENTS = 200;
    /**
     * A provisioned agent's region is part of its name, its container's name, host name and Swarm service name:
     * what all of those accept, short enough that {@code l<launch>-<region>-<n>} fits an agent's 64 characters.
     */
    private static final Pattern PROVISIONED_REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    /** JMeter property names and environment variable names alike. */
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    private LaunchPlanner() {
    }

    /**
     * @throws InvalidLaunchRequestException when the request cannot be run whatever the agents online
     */
    public static LaunchPlan plan(LaunchRequest request, List<OnlineAgent> online) {
        validate(request);
        return assign(request, online);
    }

    /** The split of a valid request over these agents, region by region in name order. */
    private static LaunchPlan assign(LaunchRequest request, List<OnlineAgent> online) {
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
     * The plan of a provisioned launch: one agent per agent asked, named {@code l<launch>-<region>-<n>}, which is
     * the name its container or Swarm task is given; nobody else runs under that name.
     *
     * @throws InvalidLaunchRequestException when the request cannot be run
     */
    public static LaunchPlan provisioned(LaunchRequest request, long launchId) {
        validate(request);
        List<OnlineAgent> started = new ArrayList<>();
        request.regions().forEach((region, count) -> {
            for (int n = 1; n <= count; n++) {
                started.add(new OnlineAgent(provisionedName(launchId, region, n), region));
            }
        });
        return assign(request, started);
    }

    /** The name of the {@code n}-th (from 1) agent started in {@code region} for launch {@code launchId}. */
    public static String provisionedName(long launchId, String region, int n) {
        return "l" + launchId + "-" + region + "-" + n;
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
        if (request.regions().size() > MAX_REGIONS) {
            reasons.add(request.regions().size() + " regions: at most " + MAX_REGIONS);
        }
        request.regions().forEach((region, agents) -> {
            if (region == null || region.isBlank()) {
                reasons.add("a region needs a name");
            } else if (!REGION.matcher(region).matches()) {
                reasons.add("region '" + shorten(region) + "': a region is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
            }
            if (agents == null || agents < 1) {
                reasons.add("region " + shorten(region) + ": " + agents + " agents asked; ask for at least 1");
            }
        });
        long asked = request.regions().values().stream().mapToLong(n -> n == null ? 0 : Math.max(0, n)).sum();
        if (asked > MAX_AGENTS) {
            reasons.add(asked + " agents asked: at most " + MAX_AGENTS + " in one launch");
            throw new InvalidLaunchRequestException(reasons);
        }
        int agents = request.agentCount();
        if (request.users() > MAX_USERS) {
            reasons.add("users must be at most " + MAX_USERS + ", was " + request.users());
        } else if (request.users() < 1) {
            reasons.add("users must be at least 1, was " + request.users());
        } else if (agents > 0 && request.users() < agents) {
            reasons.add(request.users() + " users cannot be split over " + agents
                    + " agents: ask for at least one user per agent");
        }
        if (request.durationSeconds() <= 0) {
            reasons.add("durationSeconds must be positive, was " + request.durationSeconds());
        } else if (request.durationSeconds() > MAX_DURATION_SECONDS) {
            reasons.add("durationSeconds must be at most " + MAX_DURATION_SECONDS + " (24 h), was " + request.durationSeconds());
        }
        if (request.rampUpSeconds() < 0) {
            reasons.add("rampUpSeconds must not be negative, was " + request.rampUpSeconds());
        } else if (request.durationSeconds() > 0 && request.rampUpSeconds() > request.durationSeconds()) {
            reasons.add("rampUpSeconds (" + request.rampUpSeconds() + ") must not exceed durationSeconds ("
                    + request.durationSeconds() + ")");
        }
        if (request.targetHost() == null || request.targetHost().isBlank()) {
            reasons.add("targetHost is required, e.g. http://shop.internal");
        } else if (!isHttpUrl(request.targetHost())) {
            reasons.add("targetHost must be an http:// or https:// URL with a host (at most " + MAX_TARGET_HOST
                    + " characters), e.g. http://shop.internal; was '" + shorten(request.targetHost()) + "'");
        }
        validateProperties(request.properties(), reasons);
        if (request.provision() != null) {
            validateProvisioned(request, reasons);
        }
        if (!reasons.isEmpty()) {
            throw new InvalidLaunchRequestException(reasons);
        }
    }

    private static void validateProvisioned(LaunchRequest request, List<String> reasons) {
        request.regions().keySet().stream().filter(region -> region != null && !PROVISIONED_REGION.matcher(region).matches())
                .forEach(region -> reasons.add("region '" + shorten(region) + "': a provisioned agent's region is 1 to 32"
                        + " characters of A-Z, a-z, 0-9 and '-' (not first or last): it names its containers"));
        if (request.agentCount() > MAX_PROVISIONED_AGENTS) {
            reasons.add(request.agentCount() + " agents asked to be provisioned: at most " + MAX_PROVISIONED_AGENTS
                    + " in one launch");
        }
    }

    private static void validateProperties(Map<String, String> properties, List<String> reasons) {
        if (properties.size() > MAX_PROPERTIES) {
            reasons.add(properties.size() + " properties: at most " + MAX_PROPERTIES);
            return;
        }
        properties.forEach((name, value) -> {
            if (name.length() > MAX_PROPERTY_NAME || !PROPERTY.matcher(name).matches()) {
                reasons.add("property '" + shorten(name) + "': a name is a letter or '_' then letters, digits, '.', '_'"
                        + " or '-', at most " + MAX_PROPERTY_NAME + " characters");
            }
            if (value == null) {
                reasons.add("property " + shorten(name) + " has no value");
            } else if (value.length() > MAX_PROPERTY_VALUE) {
                reasons.add("property " + shorten(name) + ": a value is at most " + MAX_PROPERTY_VALUE + " characters");
            } else if (!UnicodeText.isClean(value)) {
                reasons.add("property " + shorten(name) + ": a value may not hold control characters or broken Unicode");
            }
        });
    }

    private static boolean isHttpUrl(String text) {
        if (text.length() > MAX_TARGET_HOST || text.contains(" ") || !UnicodeText.isClean(text)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
