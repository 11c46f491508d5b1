package io.loadstack.consumer.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** The message the live websocket pushes about once a second: totals so far and the current rate. */
@Serdeable
public record LiveSnapshot(String type, String uuid, String status, Instant at, int users, long requests,
                           long failures, double rps, @Nullable Double p50, @Nullable Double p95,
                           @Nullable Double p99, List<Endpoint> endpoints) {

    @Serdeable
    public record Endpoint(String method, String name, long requests, long failures, @Nullable Double p95) {
    }
}
