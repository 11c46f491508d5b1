package io.loadstack.api.launches;

import io.loadstack.api.agents.registry.AgentSettings;
import io.loadstack.api.launches.provisioning.ProvisionQueue;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happens to launches with time, on every replica once a second: the readiness timeout, agents gone
 * silent, committing the runs of ended launches, and provisioned launches nobody provisions. Each launch is
 * taken under its row's lock with {@code SKIP LOCKED}, so the replicas share the work and a dead one leaves
 * nothing behind.
 */
@Singleton
class LaunchTimers {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchTimers.class);

    private final LaunchStore store;
    private final RunCommits commits;
    private final LaunchIngestTokens tokens;
    private final ProvisionQueue provisioning;
    private final Duration heartbeatTimeout;
    private final Duration provisionClaimTimeout;

    LaunchTimers(LaunchStore store, RunCommits commits, LaunchIngestTokens tokens, ProvisionQueue provisioning,
                 AgentSettings agents, LaunchSettings settings) {
        this.store = store;
        this.commits = commits;
        this.tokens = tokens;
        this.provisioning = provisioning;
        this.heartbeatTimeout = agents.heartbeatTimeout();
        this.provisionClaimTimeout = settings.provisionClaimTimeout();
    }

    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void tick() {
        run("the readiness timeout", this::checkReadiness);
        run("lost agents", this::loseSilentAgents);
        run("run commits", this::commitRuns);
        run("unserved provisioning", this::failUnprovisioned);
    }

    /** A launch whose agents will not be started (its request FAILED, or no provisioner took it) fails with why. */
    void failUnprovisioned() {
        Instant now = Launches.now();
        for (ProvisionQueue.Unserved unserved : store.inTransaction("finding unserved provisioning",
                c -> provisioning.unserved(c, now.minus(provisionClaimTimeout)))) {
            store.changeIfDue("failing an unprovisioned launch", unserved.launchId(), LaunchStore.ACTIVE, List.of(),
                    (stored, connection) -> stored.launch().provisioningFailed(unserved.reason(), now));
        }
    }

    void checkReadiness() {
        Instant now = Launches.now();
        for (long id : store.inTransaction("finding launches past readiness", c -> store.dueForReadiness(c, now))) {
            store.changeIfDue("the readiness timeout", id, LaunchStore.READINESS_DUE, List.of(now),
                    (stored, connection) -> stored.launch().checkReadiness(now));
        }
    }

    void loseSilentAgents() {
        Instant now = Launches.now();
        Instant silentSince = now.minus(heartbeatTimeout);
        for (long id : store.inTransaction("finding silent agents", c -> store.withSilentAgents(c, silentSince))) {
            store.changeIfDue("losing silent agents", id, LaunchStore.ACTIVE, List.of(), (stored, connection) -> {
                Launch launch = stored.launch();
                Map<String, Instant> seen = store.lastSeen(connection, launch.agents().stream().map(LaunchAgent::name).toList());
                for (LaunchAgent agent : launch.agents()) {
                    // Re-read each time: losing one agent may have ended the others' shares.
                    LaunchAgent share = launch.agentNamed(agent.name());
                    Instant lastSeen = seen.get(agent.name());
                    if (lastSeen == null && launch.request().provision() != null && launch.status().isBeforeStart()) {
                        // Its container is still being made: the readiness timeout waits for it, not the heartbeat's.
                        continue;
                    }
                    if (!share.status().isEnded() && !launch.status().isEnded() && (lastSeen == null || lastSeen.isBefore(silentSince))) {
                        launch.agentLost(agent.name(), lastSeen == null ? launch.createdAt() : lastSeen, now);
                    }
                }
                return null;
            });
        }
    }

    void commitRuns() {
        for (long id : store.inTransaction("finding runs to commit", store::dueForCommit)) {
            store.changeIfDue("committing a launch's run", id, LaunchStore.COMMIT_DUE, List.of(), (stored, connection) -> {
                Launch launch = stored.launch();
                if (stored.ingestTokenId() == null) {
                    // The token went with the account that launched: nothing can commit the run any more, and
                    // the consumer marks it ABANDONED once it has been silent too long.
                    LOG.warn("launch {}: its user was removed with the ingest token; run {} is left to the consumer",
                            launch.id(), launch.runUuid());
                    store.markCommitted(connection, stored, Launches.now());
                } else if (commits.commit(launch.id(), launch.runUuid(), tokens.secret(launch.id(), stored.tokenSalt()))) {
                    store.markCommitted(connection, stored, Launches.now());
                }
                return null;
            });
        }
    }

    private static void run(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("launch timer ({}) failed; it runs again in a second", what, e);
        }
    }
}
