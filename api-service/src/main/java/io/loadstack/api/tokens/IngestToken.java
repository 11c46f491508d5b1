package io.loadstack.api.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("ingest_tokens")
public record IngestToken(@Id @GeneratedValue @Nullable Long id,
                          long userId,
                          String name,
                          String tokenHash,
                          String tokenPrefix,
                          Instant createdAt,
                          @Nullable Instant lastUsedAt,
                          @Nullable Instant revokedAt) {
}
