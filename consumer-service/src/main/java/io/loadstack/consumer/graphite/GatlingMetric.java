package io.loadstack.consumer.graphite;

import java.util.List;

/**
 * A Graphite line read as Gatling's Graphite writer (3.x) writes it, with the ingest token as the first path
 * element ({@code rootPathPrefix = "<token>.gatling"}, or just the token):
 * <pre>
 * &lt;token&gt;[.gatling].&lt;simulation&gt;.users.&lt;scenario|allUsers&gt;.&lt;active|waiting|done&gt;
 * &lt;token&gt;[.gatling].&lt;simulation&gt;.[&lt;group&gt;.]…&lt;request|allRequests&gt;.&lt;ok|ko|all&gt;.&lt;count|min|max|mean|stdDev|percentilesNN&gt;
 * </pre>
 * Gatling has already replaced spaces in names by {@code _} and dots by {@code -}.
 *
 * @param request groups and request name joined by " / ", {@link #ALL_REQUESTS}, or null for a users line
 * @param status  ok, ko or all for a request line; the scenario (or allUsers) for a users line
 * @param name    the metric: count, min, … percentiles99; or active, waiting, done
 */
record GatlingMetric(String token, String simulation, String request, String status, String name, double value, long epochSeconds) {

    static final String TOKEN_PREFIX = "lst_";
    static final String ALL_REQUESTS = "allRequests";
    static final String ALL_USERS = "allUsers";
    /** Ingest tokens are "lst_" and 43 base64url characters; anything much longer is not one. */
    private static final int MAX_TOKEN_LENGTH = 100;
    /** More than this many requests of one name in one second, or slower than an hour, is not a real measurement. */
    private static final double MAX_COUNT = 10_000_000;
    private static final double MAX_MILLIS = 3_600_000;
    private static final List<String> STATUSES = List.of("ok", "ko", "all");
    private static final List<String> USER_STATES = List.of("active", "waiting", "done");

    sealed interface Read permits Metric, Refused {
    }

    record Metric(GatlingMetric metric) implements Read {
    }

    /** @param reason a counter's outcome tag: no_token, unmapped or absurd */
    record Refused(String reason) implements Read {
    }

    static Read of(GraphiteLine line) {
        List<String> path = line.path();
        String token = path.get(0);
        if (!token.startsWith(TOKEN_PREFIX) || token.length() > MAX_TOKEN_LENGTH) {
            return new Refused("no_token");
        }
        int simulationAt = path.size() > 4 && path.get(1).equals("gatling") ? 2 : 1;
        if (path.size() < simulationAt + 4) {
            return new Refused("unmapped");
        }
        String simulation = path.get(simulationAt);
        String last = path.get(path.size() - 1);
        String beforeLast = path.get(path.size() - 2);
        double value = line.value();
        if (path.size() == simulationAt + 4 && path.get(simulationAt + 1).equals("users") && USER_STATES.contains(last)) {
            if (value < 0 || value > MAX_COUNT) {
                return new Refused("absurd");
            }
            return new Metric(new GatlingMetric(token, simulation, null, beforeLast, last, value, line.epochSeconds()));
        }
        if (!STATUSES.contains(beforeLast) || !isRequestMetric(last)) {
            return new Refused("unmapped");
        }
        if (value < 0 || value > (last.equals("count") ? MAX_COUNT : MAX_MILLIS)) {
            return new Refused("absurd");
        }
        String request = String.join(" / ", path.subList(simulationAt + 1, path.size() - 2));
        return new Metric(new GatlingMetric(token, simulation, request, beforeLast, last, value, line.epochSeconds()));
    }

    private static boolean isRequestMetric(String name) {
        return switch (name) {
            case "count", "min", "max", "mean", "stdDev" -> true;
            default -> percentile(name) > 0;
        };
    }

    /**
     * The quantile a {@code percentilesNN} metric names (Gatling writes 99.9 as {@code percentiles99-9}), or -1.
     */
    static double percentile(String name) {
        if (!name.startsWith("percentiles") || name.length() == "percentiles".length()) {
            return -1;
        }
        try {
            double percent = Double.parseDouble(name.substring("percentiles".length()).replace('-', '.'));
            return percent > 0 && percent < 100 ? percent / 100 : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    boolean isUsers() {
        return request == null;
    }

    /** Identifies the metric within one flush: a repeat means the next flush has begun. */
    String key() {
        return simulation + '\u0000' + request + '\u0000' + status + '\u0000' + name;
    }
}
