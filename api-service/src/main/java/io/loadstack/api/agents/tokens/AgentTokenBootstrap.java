package io.loadstack.api.agents.tokens;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Makes sure the agent token given in {@code LOADSTACK_AGENT_BOOTSTRAP_TOKEN} exists (named "compose agents"),
 * so that the agents started with Loadstack (compose's {@code agent} service) are accepted with no manual step.
 * Only its hash is stored, like every agent token's. A token an admin revoked stays revoked: the bootstrap
 * never brings it back (a new secret in the volume, or in .env, makes a new token). Two replicas starting
 * together may both try to insert it: the unique hash lets one win and the other carry on.
 */
@Singleton
public class AgentTokenBootstrap {

    static final String NAME = "compose agents";
    /** {@code lsa_} and at least 32 characters: a guessable secret would let anyone in as an agent. */
    private static final int MIN_LENGTH = AgentTokenSecret.PREFIX.length() + 32;
    private static final Logger LOG = LoggerFactory.getLogger(AgentTokenBootstrap.class);

    private final AgentTokenRepository tokens;
    private final AgentBootstrapSettings settings;

    public AgentTokenBootstrap(AgentTokenRepository tokens, AgentBootstrapSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!settings.tokenGiven()) {
            return;
        }
        String secret = settings.token();
        if (!AgentTokenSecret.looksLikeOne(secret) || secret.length() < MIN_LENGTH
                || !secret.chars().allMatch(AgentTokenBootstrap::tokenCharacter)) {
            throw new ConfigurationException("LOADSTACK_AGENT_BOOTSTRAP_TOKEN must be " + AgentTokenSecret.PREFIX
                    + " followed by at least 32 letters, digits, '-' or '_' (the db container generates one)");
        }
        String hash = AgentTokenSecret.hash(secret);
        Optional<AgentToken> existing = tokens.findByTokenHash(hash);
        if (existing.isPresent()) {
            if (existing.get().revoked()) {
                LOG.warn("the agent token of LOADSTACK_AGENT_BOOTSTRAP_TOKEN ('{}', id {}) is revoked: agents using it"
                        + " are refused", existing.get().name(), existing.get().id());
            }
            return;
        }
        try {
            tokens.save(new AgentToken(null, NAME, hash, AgentTokenSecret.displayPrefix(secret), null,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null));
            LOG.info("created the agent token '{}' from LOADSTACK_AGENT_BOOTSTRAP_TOKEN", NAME);
        } catch (DataAccessException insertedByAnotherReplica) {
            if (tokens.findByTokenHash(hash).isEmpty()) {
                throw insertedByAnotherReplica;
            }
        }
    }

    private static boolean tokenCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
