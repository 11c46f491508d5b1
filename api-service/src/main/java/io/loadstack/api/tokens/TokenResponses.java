package io.loadstack.api.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

public final class TokenResponses {

    private TokenResponses() {
    }

    /** Answer to a create: the only time the secret is ever shown. */
    @Serdeable
    public record Created(long id, String name, String token, String prefix, Instant createdAt) {
    }

    /** A token in a list: its prefix to recognise it, never the secret. */
    @Serdeable
    public record Listed(long id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt) {

        static Listed of(IngestToken token) {
            return new Listed(token.id(), token.name(), token.tokenPrefix(), token.createdAt(), token.lastUsedAt());
        }
    }
}
