package io.loadstack.api.targets;

import io.loadstack.api.storage.JdbcTransactions;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * On the first start only, writes LOADSTACK_ALLOWED_TARGETS as the allowed targets; afterwards the list is the
 * admins' (the page, PUT /api/allowed-targets) and the variable is not read again, so an admin's change survives
 * a restart. Two replicas starting together both try: the row's key lets one write it.
 */
@Singleton
class AllowedTargetSeed {

    private static final Logger LOG = LoggerFactory.getLogger(AllowedTargetSeed.class);

    private final JdbcTransactions transactions;
    private final AllowedTargetStore store;
    private final AllowedTargetSettings settings;

    AllowedTargetSeed(JdbcTransactions transactions, AllowedTargetStore store, AllowedTargetSettings settings) {
        this.transactions = transactions;
        this.store = store;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        var seed = settings.seed();
        boolean seeded = transactions.inTransaction("seeding the allowed targets", connection -> store.seed(connection,
                seed.entries(), AllowedTargetSettings.VARIABLE, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        if (seeded) {
            LOG.info("allowed targets set from {}: {}", AllowedTargetSettings.VARIABLE,
                    seed.isEmpty() ? "none (no launch may run until an admin allows a target)" : seed);
        } else {
            LOG.info("allowed targets kept as stored; {} is read on the first start only", AllowedTargetSettings.VARIABLE);
        }
    }
}
