package io.loadstack.api.agents.tokens;

import io.loadstack.api.users.User;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Making, listing, revoking and checking agent tokens. */
@Singleton
public class AgentTokens {

    /** A new token and its secret, which exists only in this answer. */
    public record Issued(AgentToken token, String secret) {
    }

    private final AgentTokenRepository tokens;

    public AgentTokens(AgentTokenRepository tokens) {
        this.tokens = tokens;
    }

    public Issued issue(String name, User admin) {
        String secret = AgentTokenSecret.newSecret();
        AgentToken saved = tokens.save(new AgentToken(null, name.strip(), AgentTokenSecret.hash(secret),
                AgentTokenSecret.displayPrefix(secret), admin.id(), now(), null, null));
        return new Issued(saved, secret);
    }

    public List<AgentToken> all() {
        return tokens.findAllOrderByCreatedAtDesc();
    }

    /** @throws NoSuchAgentTokenException when there is no such token or it is revoked already */
    public void revoke(long id) {
        AgentToken token = tokens.findById(id).filter(t -> !t.revoked())
                .orElseThrow(() -> new NoSuchAgentTokenException(id));
        tokens.updateRevokedAt(token.id(), now());
    }

    /**
     * The live token with this secret. Read from MySQL on every call, with no cache, so that a revocation
     * (made on any replica) shuts its agents out at their next request.
     */
    public Optional<AgentToken> live(String secret) {
        if (!AgentTokenSecret.looksLikeOne(secret)) {
            return Optional.empty();
        }
        return tokens.findByTokenHash(AgentTokenSecret.hash(secret)).filter(t -> !t.revoked());
    }

    public void markUsed(long id) {
        tokens.updateLastUsedAt(id, now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
