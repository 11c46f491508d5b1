package io.loadstack.consumer.graphite;

import io.loadstack.consumer.influx.QuantileSpread;
import io.loadstack.consumer.runs.RunEvent;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lines of one flush of Gatling's Graphite writer on one connection, collected until the flush is
 * complete, then turned into run samples. Gatling writes every {@code writePeriod} (1 s) the counts and
 * statistics of what completed since its previous flush, all with the flush's epoch second: a line with
 * another second, or a metric seen twice, begins the next flush; so does a pause in the stream.
 *
 * <p>Each request name becomes an endpoint: {@code all.count} requests, {@code ko.count} failures, and
 * {@code all.count} response times spread over the window's min, percentiles and max
 * ({@link QuantileSpread}). {@code allRequests} is used only when no request line came (Gatling's
 * {@code light = true}); users are {@code users.allUsers.active}.
 */
final class GatlingFlush {

    static final String ORIGIN = "gatling";
    static final String KEY_TAG = "simulation";
    /** Gatling's Graphite lines do not say the HTTP method; its endpoints carry this one. */
    static final String METHOD = "GATLING";

    private record SimulationKey(String token, String simulation) {
    }

    private static final class Simulation {
        Long users;
        final Map<String, Window> requests = new LinkedHashMap<>();
        Window allRequests;
    }

    /** One request name's ok, ko and all statistics within the flush. */
    private static final class Window {
        long allCount = -1;
        long okCount;
        long koCount;
        double min = Double.NaN;
        double max = Double.NaN;
        double mean = Double.NaN;
        final TreeMap<Double, Double> percentiles = new TreeMap<>();
    }

    private final int maxSimulations;
    private final int maxRequestNames;
    private long epochSeconds = -1;
    private final Set<String> seen = new HashSet<>();
    private final Map<SimulationKey, Simulation> simulations = new LinkedHashMap<>();

    GatlingFlush(int maxSimulations, int maxRequestNames) {
        this.maxSimulations = maxSimulations;
        this.maxRequestNames = maxRequestNames;
    }

    boolean isEmpty() {
        return simulations.isEmpty();
    }

    /** Whether this metric belongs to the next flush: the caller hands this one over first. */
    boolean isOver(GatlingMetric metric) {
        return !simulations.isEmpty() && (metric.epochSeconds() != epochSeconds || seen.contains(metric.token() + '\u0000' + metric.key()));
    }

    /** @return "accepted", or "overflow" when the flush already holds as many simulations or names as allowed */
    String add(GatlingMetric metric) {
        SimulationKey key = new SimulationKey(metric.token(), metric.simulation());
        Simulation simulation = simulations.get(key);
        if (simulation == null) {
            if (simulations.size() >= maxSimulations) {
                return "overflow";
            }
            simulation = new Simulation();
            simulations.put(key, simulation);
        }
        epochSeconds = metric.epochSeconds();
        seen.add(metric.token() + '\u0000' + metric.key());
        if (metric.isUsers()) {
            if (metric.status().equals(GatlingMetric.ALL_USERS) && metric.name().equals("active")) {
                simulation.users = Math.round(metric.value());
            }
            return "accepted";
        }
        Window window;
        if (metric.request().equals(GatlingMetric.ALL_REQUESTS)) {
            window = simulation.allRequests == null ? simulation.allRequests = new Window() : simulation.allRequests;
        } else {
            window = simulation.requests.get(metric.request());
            if (window == null) {
                if (simulation.requests.size() >= maxRequestNames) {
                    return "overflow";
                }
                window = new Window();
                simulation.requests.put(metric.request(), window);
            }
        }
        record(window, metric);
        return "accepted";
    }

    private static void record(Window window, GatlingMetric metric) {
        long count = Math.round(metric.value());
        switch (metric.status()) {
            case "ok" -> {
                if (metric.name().equals("count")) {
                    window.okCount = count;
                }
            }
            case "ko" -> {
                if (metric.name().equals("count")) {
                    window.koCount = count;
                }
            }
            default -> {
                switch (metric.name()) {
                    case "count" -> window.allCount = count;
                    case "min" -> window.min = metric.value();
                    case "max" -> window.max = metric.value();
                    case "mean" -> window.mean = metric.value();
                    case "stdDev" -> {
                        // the spread follows the percentiles; the deviation adds nothing to them
                    }
                    default -> window.percentiles.put(GatlingMetric.percentile(metric.name()), metric.value());
                }
            }
        }
    }

    /** The flush's samples by ingest token: one {@link RunEvent.RunSamples} per simulation. */
    Map<String, List<RunEvent.RunSamples>> samplesByToken(Instant receivedAt) {
        Map<String, List<RunEvent.RunSamples>> byToken = new LinkedHashMap<>();
        Instant startedAt = receivedAt;
        Instant sent = Instant.ofEpochSecond(epochSeconds);
        // A generator's clock may be off; a time more than a day away from now is not believed.
        if (sent.isAfter(receivedAt.minusSeconds(86_400)) && sent.isBefore(receivedAt.plusSeconds(3_600))) {
            startedAt = sent.truncatedTo(ChronoUnit.MILLIS);
        }
        for (Map.Entry<SimulationKey, Simulation> entry : simulations.entrySet()) {
            Simulation simulation = entry.getValue();
            List<RunEvent.EndpointDelta> endpoints = new ArrayList<>();
            if (!simulation.requests.isEmpty()) {
                simulation.requests.forEach((name, window) -> addDelta(endpoints, name, window));
            } else if (simulation.allRequests != null) {
                addDelta(endpoints, GatlingMetric.ALL_REQUESTS, simulation.allRequests);
            }
            String name = entry.getKey().simulation();
            Integer users = simulation.users == null ? null : (int) Math.min(Integer.MAX_VALUE, simulation.users);
            byToken.computeIfAbsent(entry.getKey().token(), t -> new ArrayList<>()).add(new RunEvent.RunSamples(
                    ORIGIN, KEY_TAG, name, name, startedAt, new TreeMap<>(Map.of(KEY_TAG, name)), 0, 0, users, endpoints));
        }
        return byToken;
    }

    private static void addDelta(List<RunEvent.EndpointDelta> endpoints, String name, Window window) {
        long requests = window.allCount >= 0 ? window.allCount : window.okCount + window.koCount;
        if (requests == 0 && window.koCount == 0) {
            return; // Gatling repeats "count 0" for every name it has seen, each second
        }
        Histogram histogram = new Histogram(2);
        QuantileSpread.spread(requests, knots(window), (ms, count) ->
                histogram.recordValueWithCount(Math.max(0, Math.min(3_600_000_000L, Math.round(ms * 1000))), count));
        List<long[]> pairs = new ArrayList<>();
        for (HistogramIterationValue value : histogram.recordedValues()) {
            pairs.add(new long[]{histogram.medianEquivalentValue(value.getValueIteratedTo()), value.getCountAtValueIteratedTo()});
        }
        long[] values = new long[pairs.size()];
        long[] counts = new long[pairs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = pairs.get(i)[0];
            counts[i] = pairs.get(i)[1];
        }
        endpoints.add(new RunEvent.EndpointDelta(METHOD, name.length() > 300 ? name.substring(0, 300) : name,
                requests, window.koCount, values, counts, null));
    }

    /** min at 0, the percentiles, max at 1 as (quantile, ms) pairs, never decreasing, then the mean. */
    private static double[] knots(Window window) {
        List<double[]> knots = new ArrayList<>();
        window.percentiles.forEach((q, ms) -> knots.add(new double[]{q, ms}));
        double fallback = !Double.isNaN(window.mean) ? window.mean : knots.isEmpty() ? 0 : knots.get(0)[1];
        knots.add(0, new double[]{0, Double.isNaN(window.min) ? fallback : window.min});
        knots.add(new double[]{1, Double.isNaN(window.max) ? Math.max(fallback, knots.get(knots.size() - 1)[1]) : window.max});
        double[] flat = new double[knots.size() * 2 + 1];
        double floor = knots.get(0)[1];
        for (int i = 0; i < knots.size(); i++) {
            floor = Math.max(floor, knots.get(i)[1]);
            flat[2 * i] = knots.get(i)[0];
            flat[2 * i + 1] = floor;
        }
        flat[flat.length - 1] = window.mean;
        return flat;
    }
}
