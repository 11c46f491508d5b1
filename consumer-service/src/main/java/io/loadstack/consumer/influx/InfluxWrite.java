package io.loadstack.consumer.influx;

import io.loadstack.consumer.runs.RunEvent;

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
    private final UnmappedPoints.Tally unmapped;
    private final JmeterPointMapper jmeter = new JmeterPointMapper();
    private final Map<String, RunSamplesBuilder> runs = new LinkedHashMap<>();
    private RunSamplesBuilder lastRun;
    private int mappedPoints;
    private int unmappedPoints;

    InfluxWrite(long ownerId, String database, Instant receivedAt, UnmappedPoints unmapped) {
        this.ownerId = ownerId;
        this.database = database;
        this.receivedAt = receivedAt;
        this.unmapped = unmapped.tally(ownerId, database);
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
            unmapped.add(point);
        }
    }

    /** The run of this write with this origin and key, or null when no point has gone into it yet. */
    RunSamplesBuilder existingRun(String origin, String key) {
        // The lines of one request are mostly one run's: the last one answers without a map lookup.
        if (lastRun != null && lastRun.origin.equals(origin) && lastRun.key.equals(key)) {
            return lastRun;
        }
        RunSamplesBuilder run = runs.get(origin + "\u0000" + key);
        if (run != null) {
            lastRun = run;
        }
        return run;
    }

    RunSamplesBuilder run(String origin, String keyTag, String key, String name) {
        RunSamplesBuilder run = existingRun(origin, key);
        if (run == null) {
            run = new RunSamplesBuilder(origin, keyTag, key, name);
            runs.put(origin + "\u0000" + key, run);
            lastRun = run;
        }
        return run;
    }

    int mappedPoints() {
        return mappedPoints;
    }

    int unmappedPoints() {
        return unmappedPoints;
    }

    /** @return the journal record, or null when no point went into a run */
    RunEvent.InfluxSamples toEvent() {
        jmeter.finish(this);
        unmapped.commit();
        if (runs.isEmpty()) {
            return null;
        }
        List<RunEvent.RunSamples> samples = new ArrayList<>(runs.size());
        runs.values().forEach(run -> samples.add(run.build(receivedAt)));
        return new RunEvent.InfluxSamples(ownerId, receivedAt, samples);
    }
}
