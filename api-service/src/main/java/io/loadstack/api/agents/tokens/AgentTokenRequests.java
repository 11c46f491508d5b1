package io.loadstack.api.agents.tokens;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public final class AgentTokenRequests {

    private AgentTokenRequests() {
    }

    /** What an admin calls the token, e.g. the place its agents run ("eu-west cluster"). */
    @Serdeable
    public record Create(@NotBlank @Size(max = 100) String name) {
    }
}
