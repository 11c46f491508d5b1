package io.loadstack.api.agents.tokens;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

public final class AgentTokenResponses {

    private AgentTokenResponses() {
    }

    /** Answer to a create: the only time the secret is ever shown. */
    @Serdeable
    public record Created(long id, String name, String token, String prefix, Instant createdAt) {
    }

    /** A token in the list: its prefix to recognise it, never the secret; revoked ones stay listed. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Serdeable
    public record Listed(long id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt,
                         @Nullable Instant revokedAt, boolean revoked) {

        static Listed of(AgentToken token) {
            return new Listed(token.id(), token.name(), token.tokenPrefix(), token.createdAt(), token.lastUsedAt(),
                    token.revokedAt(), token.revoked());
        }
    }
}
