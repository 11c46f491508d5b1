package io.loadstack.support.health;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code GET /api/healthcheck}, the same for every service (docs/architecture.md). Nothing in it is secret. */
@Serdeable
public record HealthReport(String status,
                           String service,
                           String instance,
                           Cpu cpu,
                           Memory memory,
                           double uptime,
                           String database,
                           @Nullable String version) {

    @Serdeable
    public record Cpu(double process, double system) {
    }

    @Serdeable
    public record Memory(long used, long max, long rss) {
    }
}
