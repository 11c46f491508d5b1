package io.loadstack.consumer.influx;

import io.loadstack.consumer.runs.EndpointKey;
import io.loadstack.consumer.runs.RunEvent;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One run's share of one write, collected point by point, then frozen into a journal record. */
final class RunSamplesBuilder {

    /** k6 tags each request with its URL by default: one write names at most this many endpoints. */
    static final int MAX_ENDPOINTS_PER_WRITE = 1000;
    static final EndpointKey OTHER = new EndpointKey("*", "(other endpoints)");

    final String origin;
    final String keyTag;
    final String key;
    String name;
    final Map<String, String> tags = new TreeMap<>();
    long startedNanos = Long.MAX_VALUE;
    int starts;
    int ends;
    Integer users;
    private long usersNanos = Long.MIN_VALUE;
    final Map<EndpointKey, EndpointSamples> endpoints = new TreeMap<>();
    private String lastMethod;
    private String lastName;
    private EndpointSamples lastSamples;

    RunSamplesBuilder(String origin, String keyTag, String key, String name) {
        this.origin = origin;
        this.keyTag = keyTag;
        this.key = key;
        this.name = name;
        tags.put(keyTag, key);
    }

    void seen(long nanos) {
        startedNanos = Math.min(startedNanos, nanos);
    }

    /** The most recent report of active users wins (points of one write may come in any order). */
    void users(long nanos, double value) {
        if (nanos >= usersNanos && !Double.isNaN(value)) {
            usersNanos = nanos;
            users = (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.round(value)));
        }
    }

    EndpointSamples endpoint(String method, String name) {
        // k6 writes a request's points one after another: mostly the same endpoint as the line before.
        if (lastSamples != null && lastName.equals(name) && lastMethod.equals(method)) {
            return lastSamples;
        }
        EndpointSamples samples = lookUp(method, name);
        lastMethod = method;
        lastName = name;
        lastSamples = samples;
        return samples;
    }

    private EndpointSamples lookUp(String method, String name) {
        EndpointKey endpointKey = new EndpointKey(method, name.length() > 300 ? name.substring(0, 300) : name);
        EndpointSamples samples = endpoints.get(endpointKey);
        if (samples == null) {
            if (endpoints.size() >= MAX_ENDPOINTS_PER_WRITE) {
                endpointKey = OTHER;
                samples = endpoints.get(OTHER);
                if (samples != null) {
                    return samples;
                }
            }
            samples = new EndpointSamples();
            endpoints.put(endpointKey, samples);
        }
        return samples;
    }

    RunEvent.RunSamples build(Instant receivedAt) {
        Instant startedAt = receivedAt;
        if (startedNanos != Long.MAX_VALUE) {
            Instant first = Instant.ofEpochSecond(0, startedNanos);
            // A generator's clock may be off; a start more than a day away from now is not believed.
            if (first.isAfter(receivedAt.minusSeconds(86_400)) && first.isBefore(receivedAt.plusSeconds(3_600))) {
                startedAt = first.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            }
        }
        List<RunEvent.EndpointDelta> deltas = new ArrayList<>(endpoints.size());
        endpoints.forEach((endpoint, samples) -> {
            if (samples.requests > 0 || samples.failures > 0 || samples.histogram.getTotalCount() > 0) {
                deltas.add(samples.toDelta(endpoint));
            }
        });
        return new RunEvent.RunSamples(origin, keyTag, key, name, startedAt, new TreeMap<>(tags), starts, ends, users, deltas);
    }

    /** Requests, failures, error messages and response times (µs) of one endpoint within one write. */
    static final class EndpointSamples {
        long requests;
        long failures;
        final Histogram histogram = new Histogram(2);
        Map<String, Long> errors;

        void recordMs(double ms, long count) {
            if (!Double.isNaN(ms) && count > 0) {
                histogram.recordValueWithCount(Math.max(0, Math.min(3_600_000_000_000L, Math.round(ms * 1000))), count);
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

        /** The histogram as (value, count) pairs; recording them again lands in the same buckets. */
        RunEvent.EndpointDelta toDelta(EndpointKey endpoint) {
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
            return new RunEvent.EndpointDelta(endpoint.method(), endpoint.name(), requests, failures, values, counts, errors);
        }
    }
}
