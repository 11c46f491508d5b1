package io.loadstack.consumer.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the journal holds: every change to a run, as it was accepted. Applying them in journal order
 * ({@link RunRecorder#apply}) rebuilds the runs exactly, which is how a restart recovers what was
 * acknowledged but not yet written. {@link EndpointDelta} and {@link RunSamples} are parts of events.
 *
 * <p>Every record is encoded with all its fields ({@code ALWAYS}): the serializer's default leaves empty
 * strings out, and an event must come back from the journal exactly as it went in (a tag or source of
 * {@code ""} read back as null once stopped the writer).
 */
public sealed interface RunEvent {

    /** {@code thresholds} is null in entries journaled before runs had thresholds, and when the register sent none. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Registered(String uuid, long ownerId, Instant receivedAt, Instant startedAt, String name,
                      String origin, @Nullable String host, @Nullable String targetHost,
                      Map<String, String> tags, @Nullable String fields,
                      @Nullable List<String> thresholds) implements RunEvent {
        public Registered {
            // The JSON encoding leaves empty collections out; they come back as null.
            tags = tags == null ? Map.of() : tags;
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Stats(String uuid, long ownerId, Instant receivedAt, String source, @Nullable Long seq,
                 @Nullable Integer users, List<EndpointDelta> endpoints) implements RunEvent {
        public Stats {
            endpoints = endpoints == null ? List.of() : endpoints;
        }
    }

    /**
     * One endpoint's counts since the generator's previous report, with its response times as a
     * histogram: {@code valuesMicros[i]} took {@code counts[i]} requests.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EndpointDelta(String method, String name, long requests, long failures,
                         long[] valuesMicros, long[] counts, @Nullable Map<String, Long> errors) {
        public EndpointDelta {
            valuesMicros = valuesMicros == null ? new long[0] : valuesMicros;
            counts = counts == null ? new long[0] : counts;
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Committed(String uuid, long ownerId, Instant receivedAt, Instant endedAt, @Nullable String finalStats) implements RunEvent {
    }

    /** The writer's 15-second tick: every running run's current interval ends here. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record IntervalClosed(Instant at) implements RunEvent {
    }

    /**
     * What one InfluxDB-protocol write (JMeter, k6) brought, already mapped and aggregated per run. The
     * run is named by a key (JMeter's application, k6's testid) rather than a uuid: the journal thread
     * finds the running run with that key or opens one, so a replay resolves the same runs.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record InfluxSamples(long ownerId, Instant receivedAt, List<RunSamples> runs) implements RunEvent {
        public InfluxSamples {
            runs = runs == null ? List.of() : runs;
        }
    }

    /**
     * One run's share of a write. {@code keyTag} names the run tag holding {@code key}; {@code starts} and
     * {@code ends} count the generators' "test started" / "test ended" marks in this write.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RunSamples(String origin, String keyTag, String key, String name, Instant startedAt,
                      Map<String, String> tags, int starts, int ends, @Nullable Integer users,
                      List<EndpointDelta> endpoints) {
        public RunSamples {
            tags = tags == null ? Map.of() : tags;
            endpoints = endpoints == null ? List.of() : endpoints;
        }
    }

    /**
     * A finished run imported whole (a Gatling simulation.log): its intervals with their own times, so the run
     * is stored COMPLETED with its time series as it happened. The uuid is derived from the owner and the
     * log's content, so the same log imported twice is one run.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Imported(String uuid, long ownerId, Instant receivedAt, String name, String origin, Instant startedAt,
                    Instant endedAt, Map<String, String> tags, List<ImportedInterval> intervals) implements RunEvent {
        public Imported {
            tags = tags == null ? Map.of() : tags;
            intervals = intervals == null ? List.of() : intervals;
        }
    }

    /** One interval of an imported run: what ended between the previous interval's end and {@code end}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ImportedInterval(Instant end, int users, List<EndpointDelta> endpoints) {
        public ImportedInterval {
            endpoints = endpoints == null ? List.of() : endpoints;
        }
    }
}
