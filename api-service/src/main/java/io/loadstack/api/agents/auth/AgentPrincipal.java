package io.loadstack.api.agents.auth;

import io.loadstack.support.login.RemovedAccountFilter;
import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an agent token authenticates as: the role {@value #ROLE} and the token's id. It is no user account,
 * so it says so to {@link RemovedAccountFilter}, which would otherwise look it up among the users.
 */
public final class AgentPrincipal {

    public static final String ROLE = "AGENT";
    static final String TOKEN_ID = "agentTokenId";

    private AgentPrincipal() {
    }

    static Authentication of(long tokenId) {
        return Authentication.build("agent-token-" + tokenId, List.of(ROLE),
                Map.of(TOKEN_ID, tokenId, RemovedAccountFilter.NOT_AN_ACCOUNT, true));
    }

    public static boolean isAgent(Authentication authentication) {
        return authentication.getRoles().contains(ROLE) && authentication.getAttributes().get(TOKEN_ID) instanceof Number;
    }

    /** The id of the agent token the request came with; empty for anyone else. */
    public static Optional<Long> tokenId(Authentication authentication) {
        return isAgent(authentication)
                ? Optional.of(((Number) authentication.getAttributes().get(TOKEN_ID)).longValue())
                : Optional.empty();
    }
}
