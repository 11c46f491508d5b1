package io.loadstack.api.agents.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An agent token as stored: its SHA-256 and a short prefix to recognise it, never the secret. */
@MappedEntity("agent_tokens")
public record AgentToken(@Id @GeneratedValue @Nullable Long id,
                         String name,
                         String tokenHash,
                         String tokenPrefix,
                         @Nullable Long createdBy,
                         Instant createdAt,
                         @Nullable Instant lastUsedAt,
                         @Nullable Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
