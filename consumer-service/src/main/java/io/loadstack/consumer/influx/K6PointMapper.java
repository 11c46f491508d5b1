package io.loadstack.consumer.influx;

import java.util.Set;

/**
 * k6's {@code --out influxdb}: one point per sample, the metric as measurement and {@code value} as field,
 * tagged {@code method}, {@code name} (the URL unless the script names it), {@code status},
 * {@code scenario}, {@code expected_response} and, when the user sets one, {@code testid}; by default
 * {@code url}, {@code vu} and {@code iter} travel as fields.
 *
 * <p>Mapped: {@code http_reqs} (one request each), {@code http_req_duration} (ms, into the histogram),
 * {@code http_req_failed} (1 = a failure, kept by status), {@code vus} (users). The run is keyed by
 * {@code testid}, or by the database name when there is none; it completes after an idle timeout.
 * Every other k6 metric is counted as unmapped.
 */
final class K6PointMapper {

    static final String ORIGIN = "k6";
    static final String KEY_TAG = "testid";

    /** k6's built-in metrics: a point with one of these names is k6's even when it is not mapped. */
    private static final Set<String> BUILT_IN = Set.of("http_reqs", "http_req_duration", "http_req_failed", "vus",
            "vus_max", "iterations", "iteration_duration", "dropped_iterations", "data_sent", "data_received",
            "checks", "group_duration", "http_req_blocked", "http_req_connecting", "http_req_tls_handshaking",
            "http_req_sending", "http_req_waiting", "http_req_receiving", "ws_sessions", "ws_msgs_sent",
            "ws_msgs_received", "ws_ping", "ws_session_duration", "ws_connecting", "grpc_req_duration");

    private K6PointMapper() {
    }

    static boolean isK6(Point point) {
        return BUILT_IN.contains(point.measurement());
    }

    /** @return whether the point went into the run (false: count it as unmapped) */
    static boolean map(Point point, InfluxWrite write) {
        String measurement = point.measurement();
        boolean mapped = switch (measurement) {
            case "http_reqs", "http_req_duration", "http_req_failed", "vus" -> true;
            default -> false;
        };
        if (!mapped) {
            return false;
        }
        double value = point.number("value");
        if (Double.isNaN(value)) {
            return false;
        }
        String testId = point.tag("testid");
        String key = testId != null ? testId : write.database();
        RunSamplesBuilder run = write.existingRun(ORIGIN, key);
        if (run == null) {
            run = write.run(ORIGIN, KEY_TAG, key, testId != null ? testId : "k6 test (" + write.database() + ")");
            run.tags.put("database", write.database());
        }
        run.seen(point.timeNanos());
        if (measurement.equals("vus")) {
            run.users(point.timeNanos(), value);
            return true;
        }
        String method = point.tag("method");
        RunSamplesBuilder.EndpointSamples endpoint = run.endpoint(method == null ? "-" : method, endpointName(point));
        switch (measurement) {
            case "http_reqs" -> endpoint.requests += Math.max(0, Math.round(value));
            case "http_req_duration" -> endpoint.recordMs(value, 1);
            default -> {
                if (value >= 0.5) {
                    endpoint.failures++;
                    String status = point.tag("status");
                    endpoint.error(status == null || status.equals("0") ? "request failed" : "HTTP " + status, 1);
                }
            }
        }
        return true;
    }

    private static String endpointName(Point point) {
        String name = point.tag("name");
        if (name == null) {
            name = point.string("url");
        }
        if (name == null) {
            name = point.tag("url");
        }
        return name == null || name.isEmpty() ? "(unnamed)" : name;
    }
}
