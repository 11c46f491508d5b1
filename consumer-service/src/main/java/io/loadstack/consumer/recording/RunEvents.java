package io.loadstack.consumer.recording;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the journal holds: every change to a run, as it was accepted. Applying them in journal order
 * rebuilds the runs exactly, which is how a restart recovers what was acknowledged but not yet written.
 */
public final class RunEvents {

    public static final byte REGISTERED = 1;
    public static final byte STATS = 2;
    public static final byte COMMITTED = 3;
    public static final byte INTERVAL_CLOSED = 4;
    public static final byte INFLUX_SAMPLES = 5;

    private RunEvents() {
    }

    @Serdeable
    public record Registered(String uuid, long ownerId, Instant receivedAt, Instant startedAt, String name,
                             String origin, @Nullable String host, @Nullable String targetHost,
                             Map<String, String> tags, @Nullable String fields) {
        public Registered {
            // The JSON encoding leaves empty collections out; they come back as null.
            tags = tags == null ? Map.of() : tags;
        }
    }

    @Serdeable
    public record Stats(String uuid, long ownerId, Instant receivedAt, String source, @Nullable Long seq,
                        @Nullable Integer users, List<EndpointDelta> endpoints) {
        public Stats {
            endpoints = endpoints == null ? List.of() : endpoints;
        }
    }

    /**
     * One endpoint's counts since the generator's previous report, with its response times as a
     * histogram: {@code valuesMicros[i]} took {@code counts[i]} requests.
     */
    @Serdeable
    public record EndpointDelta(String method, String name, long requests, long failures,
                                long[] valuesMicros, long[] counts, @Nullable Map<String, Long> errors) {
        public EndpointDelta {
            valuesMicros = valuesMicros == null ? new long[0] : valuesMicros;
            counts = counts == null ? new long[0] : counts;
        }
    }

    @Serdeable
    public record Committed(String uuid, long ownerId, Instant receivedAt, Instant endedAt, @Nullable String finalStats) {
    }

    /** The writer's 15-second tick: every running run's current interval ends here. */
    @Serdeable
    public record IntervalClosed(Instant at) {
    }

    /**
     * What one InfluxDB-protocol write (JMeter, k6) brought, already mapped and aggregated per run. The
     * run is named by a key (JMeter's application, k6's testid) rather than a uuid: the journal thread
     * finds the running run with that key or opens one, so a replay resolves the same runs.
     */
    @Serdeable
    public record InfluxSamples(long ownerId, Instant receivedAt, List<RunSamples> runs) {
        public InfluxSamples {
            runs = runs == null ? List.of() : runs;
        }
    }

    /**
     * One run's share of a write. {@code keyTag} names the run tag holding {@code key}; {@code starts} and
     * {@code ends} count the generators' "test started" / "test ended" marks in this write.
     */
    @Serdeable
    public record RunSamples(String origin, String keyTag, String key, String name, Instant startedAt,
                             Map<String, String> tags, int starts, int ends, @Nullable Integer users,
                             List<EndpointDelta> endpoints) {
        public RunSamples {
            tags = tags == null ? Map.of() : tags;
            endpoints = endpoints == null ? List.of() : endpoints;
        }
    }
}
