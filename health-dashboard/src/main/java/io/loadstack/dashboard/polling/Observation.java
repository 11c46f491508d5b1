package io.loadstack.dashboard.polling;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * What one poll saw of one target. {@code up} is the verdict; {@code detail} says why when it is not UP.
 * The numbers are those of the target's healthcheck (null when it did not answer).
 */
public record Observation(String target,
                          Instant at,
                          boolean up,
                          @Nullable String detail,
                          @Nullable String service,
                          @Nullable String instance,
                          @Nullable Double cpuProcess,
                          @Nullable Double cpuSystem,
                          @Nullable Long memUsed,
                          @Nullable Long memMax,
                          @Nullable Long memRss,
                          @Nullable Double uptime,
                          @Nullable Integer latencyMs,
                          @Nullable MonitStatus monit) {

    public static Observation down(String target, Instant at, String detail, @Nullable Integer latencyMs) {
        return new Observation(target, at, false, detail, null, null, null, null, null, null, null, null, latencyMs, null);
    }

    public Observation withMonit(@Nullable MonitStatus status) {
        return new Observation(target, at, up, detail, service, instance, cpuProcess, cpuSystem, memUsed, memMax,
                memRss, uptime, latencyMs, status);
    }
}
