package io.loadstack.dashboard.history;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A status change (DOWN, UP) or a restart of one target: the timeline's entries and the webhook's messages. */
@Serdeable
@MappedEntity("health_events")
public record HealthEvent(@Id @GeneratedValue @Nullable Long id,
                          String target,
                          Instant occurredAt,
                          String kind,
                          String message) {

    public static final String DOWN = "DOWN";
    public static final String UP = "UP";
    public static final String RESTART = "RESTART";
}
