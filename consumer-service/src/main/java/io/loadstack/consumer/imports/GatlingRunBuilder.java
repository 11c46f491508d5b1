package io.loadstack.consumer.imports;

import io.loadstack.consumer.runs.RunEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the records of a simulation.log into an imported run: every request, by the time its response
 * came, into 15-second intervals (wider for long runs, so the run keeps at most {@link #MAX_CELLS} interval
 * and endpoint cells in memory), with its exact response time in milliseconds as Gatling measured it.
 * Endpoints are Gatling's request names, inside their groups ("Checkout / Pay"); failures are KO requests,
 * their messages the errors; users are the most users active at once within each interval.
 */
final class GatlingRunBuilder implements GatlingSimulationLog.Records {

    static final String ORIGIN = "gatling";
    /** Gatling's log does not say the HTTP method; its endpoints carry this one (as the Graphite ones do). */
    static final String METHOD = "GATLING";
    static final long INTERVAL_MILLIS = 15_000;
    static final int MAX_CELLS = 20_000;
    static final int MAX_NAMES = 1_000;
    /** A run longer than 2,000 intervals of 15 s (8 h) gets wider intervals. */
    static final int MAX_INTERVALS = 2_000;
    static final String OTHER = "(other endpoints)";

    /** One endpoint within one interval: requests, failures, response times (ms → count) and error messages. */
    private static final class Cell {
        long requests;
        long failures;
        final Map<Integer, Long> millis = new HashMap<>();
        Map<String, Long> errors;

        void merge(Cell other) {
            requests += other.requests;
            failures += other.failures;
            other.millis.forEach((ms, count) -> millis.merge(ms, count, Long::sum));
            if (other.errors != null) {
                other.errors.forEach(this::error);
            }
        }

        void error(String message, long count) {
            if (errors == null) {
                errors = new HashMap<>();
            }
            if (errors.containsKey(message) || errors.size() < 100) {
                errors.merge(message, count, Long::sum);
            }
        }
    }

    private GatlingSimulationLog.Header header;
    private long width = INTERVAL_MILLIS;
    private final TreeMap<Long, Map<String, Cell>> intervals = new TreeMap<>();
    private final TreeMap<Long, Integer> usersByInterval = new TreeMap<>();
    private final java.util.Set<String> names = new java.util.HashSet<>();
    private int cells;
    private int activeUsers;
    private long lastMillis = Long.MIN_VALUE;
    private long requests;

    @Override
    public void header(GatlingSimulationLog.Header header) {
        this.header = header;
    }

    @Override
    public void user(int scenario, boolean start, long at) {
        activeUsers = Math.max(0, activeUsers + (start ? 1 : -1));
        usersByInterval.merge(index(Math.max(at, header.startMillis())), activeUsers, Math::max);
    }

    @Override
    public void request(List<String> groups, String name, long start, long end, boolean ok, String message) {
        String endpoint = groups.isEmpty() ? name : String.join(" / ", groups) + " / " + name;
        if (endpoint.length() > 300) {
            endpoint = endpoint.substring(0, 300);
        }
        if (!names.contains(endpoint)) {
            if (names.size() >= MAX_NAMES) {
                endpoint = OTHER;
            }
            names.add(endpoint);
        }
        // nothing before the run's start: a negative offset is a broken clock or a broken file
        long at = Math.max(Math.max(end, start), header.startMillis());
        lastMillis = Math.max(lastMillis, at);
        Map<String, Cell> interval = intervals.computeIfAbsent(index(at), i -> new HashMap<>());
        Cell cell = interval.get(endpoint);
        if (cell == null) {
            cell = new Cell();
            interval.put(endpoint, cell);
            cells++;
        }
        cell.requests++;
        requests++;
        // Gatling's own response time: end minus start in ms, as its report counts it
        cell.millis.merge((int) Math.max(0, Math.min(Integer.MAX_VALUE, end - start)), 1L, Long::sum);
        if (!ok) {
            cell.failures++;
            cell.error(message.isEmpty() ? "KO" : message, 1);
        }
        if (cells > MAX_CELLS) {
            widen();
        }
    }

    private long index(long at) {
        return Math.floorDiv(at - header.startMillis(), width);
    }

    /** Twice as wide intervals: neighbours merge, so a long run stays within {@link #MAX_CELLS}. */
    private void widen() {
        width *= 2;
        TreeMap<Long, Map<String, Cell>> merged = new TreeMap<>();
        cells = 0;
        intervals.forEach((index, interval) -> {
            Map<String, Cell> target = merged.computeIfAbsent(Math.floorDiv(index, 2), i -> new HashMap<>());
            interval.forEach((name, cell) -> {
                Cell existing = target.get(name);
                if (existing == null) {
                    target.put(name, cell);
                } else {
                    existing.merge(cell);
                }
            });
        });
        merged.values().forEach(interval -> cells += interval.size());
        intervals.clear();
        intervals.putAll(merged);
        TreeMap<Long, Integer> users = new TreeMap<>();
        usersByInterval.forEach((index, count) -> users.merge(Math.floorDiv(index, 2), count, Math::max));
        usersByInterval.clear();
        usersByInterval.putAll(users);
    }

    long requests() {
        return requests;
    }

    /** @return the run, or null when the log holds no request */
    RunEvent.Imported build(String uuid, long ownerId, Instant receivedAt) {
        if (header == null || requests == 0) {
            return null;
        }
        long start = header.startMillis();
        Instant startedAt = Instant.ofEpochMilli(start);
        long last = Math.max(lastMillis, start);
        while (index(last) >= MAX_INTERVALS) {
            widen();
        }
        List<RunEvent.ImportedInterval> result = new ArrayList<>();
        long lastIndex = index(last);
        int users = 0;
        for (long index = 0; index <= lastIndex; index++) {
            Integer seen = usersByInterval.get(index);
            users = seen != null ? seen : users;
            Map<String, Cell> interval = intervals.getOrDefault(index, Map.of());
            List<RunEvent.EndpointDelta> endpoints = new ArrayList<>(interval.size());
            new TreeMap<>(interval).forEach((name, cell) -> endpoints.add(delta(name, cell)));
            Instant end = Instant.ofEpochMilli(Math.min(start + (index + 1) * width, last));
            result.add(new RunEvent.ImportedInterval(end, users, endpoints));
        }
        String simulation = header.simulationClass();
        String name = simulation.substring(simulation.lastIndexOf('.') + 1);
        if (!header.description().isBlank()) {
            name = name + " – " + header.description();
        }
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        Map<String, String> tags = new TreeMap<>();
        tags.put("simulation", simulation.length() > 255 ? simulation.substring(0, 255) : simulation);
        tags.put("gatlingVersion", header.gatlingVersion().length() > 50 ? header.gatlingVersion().substring(0, 50) : header.gatlingVersion());
        tags.put("source", "import");
        return new RunEvent.Imported(uuid, ownerId, receivedAt, name, ORIGIN, startedAt, Instant.ofEpochMilli(last), tags, result);
    }

    private static RunEvent.EndpointDelta delta(String name, Cell cell) {
        TreeMap<Integer, Long> sorted = new TreeMap<>(cell.millis);
        long[] values = new long[sorted.size()];
        long[] counts = new long[sorted.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> entry : sorted.entrySet()) {
            values[i] = entry.getKey() * 1000L;
            counts[i] = entry.getValue();
            i++;
        }
        return new RunEvent.EndpointDelta(METHOD, name, cell.requests, cell.failures, values, counts, cell.errors);
    }
}
