package io.loadstack.dashboard.events;

import io.loadstack.dashboard.polling.MonitStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One card of the page: the latest poll of a target plus what the dashboard remembers about it. */
@Serdeable
public record ServiceView(String name,
                          String status,
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
                          @Nullable Instant checkedAt,
                          @Nullable Instant lastSeen,
                          long restarts,
                          @Nullable MonitStatus monit) {

    public static ServiceView unknown(String name) {
        return new ServiceView(name, "UNKNOWN", "not polled yet", null, null, null, null, null, null, null, null,
                null, null, null, 0, null);
    }
}
