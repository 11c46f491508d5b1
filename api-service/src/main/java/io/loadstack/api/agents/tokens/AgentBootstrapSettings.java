package io.loadstack.api.agents.tokens;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The agent token of the agents that run beside Loadstack ({@code LOADSTACK_AGENT_BOOTSTRAP_TOKEN}). In
 * compose the db container generates it at first start and both Loadstack and its {@code agent} service read
 * it from the same volume, so that those agents connect without an admin making a token first.
 *
 * @param token the secret ({@code lsa_…}); none (blank) makes no token
 */
@ConfigurationProperties("loadstack.agent-bootstrap")
public record AgentBootstrapSettings(@Nullable String token) {

    public AgentBootstrapSettings {
        token = token == null || token.isBlank() ? null : token.strip();
    }

    boolean tokenGiven() {
        return token != null;
    }
}
