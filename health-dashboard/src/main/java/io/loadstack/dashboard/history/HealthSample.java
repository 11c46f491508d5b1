package io.loadstack.dashboard.history;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One poll of one target, as stored for the charts. */
@MappedEntity("health_samples")
public record HealthSample(@Id @GeneratedValue @Nullable Long id,
                           String target,
                           Instant sampledAt,
                           String status,
                           @Nullable Double cpuProcess,
                           @Nullable Double cpuSystem,
                           @Nullable Long memUsed,
                           @Nullable Long memMax,
                           @Nullable Long memRss,
                           @Nullable Double uptime,
                           @Nullable Integer latencyMs,
                           @Nullable String monit,
                           @Nullable String detail) {
}
