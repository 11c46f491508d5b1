package io.loadstack.consumer.influx;

import io.loadstack.consumer.recording.RunEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One write request being mapped: routes each parsed point to the JMeter or k6 mapping, counts what
 * neither takes as unmapped, and yields the journal record for the runs it touched.
 */
final class InfluxWrite implements LineProtocolParser.PointHandler {

    private final long ownerId;
    private final String database;
    private final Instant receivedAt;
    private final UnmappedPoints unmapped;
    private final JmeterPointMapper jmeter = new JmeterPointMapper();
    private final Map<String, RunSamplesBuilder> runs = new LinkedHashMap<>();
    private int mappedPoints;
    private int unmappedPoints;

    InfluxWrite(long ownerId, String database, Instant receivedAt, UnmappedPoints unmapped) {
        this.ownerId = ownerId;
        this.database = database;
        this.receivedAt = receivedAt;
        this.unmapped = unmapped;
    }

    String database() {
        return database;
    }

    @Override
    public void point(Point point) {
        boolean mapped;
        if (K6PointMapper.isK6(point)) {
            mapped = K6PointMapper.map(point, this);
        } else if (JmeterPointMapper.isJmeter(point)) {
            mapped = jmeter.map(point, this);
        } else {
            mapped = false;
        }
        if (mapped) {
            mappedPoints++;
        } else {
            unmappedPoints++;
            unmapped.record(ownerId, database, point);
        }
    }

    RunSamplesBuilder run(String origin, String keyTag, String key, String name) {
        return runs.computeIfAbsent(origin + "\u0000" + key, k -> new RunSamplesBuilder(origin, keyTag, key, name));
    }

    int mappedPoints() {
        return mappedPoints;
    }

    int unmappedPoints() {
        return unmappedPoints;
    }

    /** @return the journal record, or null when no point went into a run */
    RunEvents.InfluxSamples toEvent() {
        jmeter.finish(this);
        if (runs.isEmpty()) {
            return null;
        }
        List<RunEvents.RunSamples> samples = new ArrayList<>(runs.size());
        runs.values().forEach(run -> samples.add(run.build(receivedAt)));
        return new RunEvents.InfluxSamples(ownerId, receivedAt, samples);
    }
}
