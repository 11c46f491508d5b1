package io.loadstack.api.targets;

import io.loadstack.api.storage.JdbcTransactions;
import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.loadstack.support.targets.Target;
import io.loadstack.support.targets.TargetList;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The targets launches may hit (README, "Allowed targets"): read by everyone signed in, replaced by admins, and
 * asked by every launch before it is made. Read from the database each time, so both replicas decide alike.
 */
@Singleton
public class AllowedTargets {

    private final JdbcTransactions transactions;
    private final AllowedTargetStore store;
    private final AuditTrail audit;

    AllowedTargets(JdbcTransactions transactions, AllowedTargetStore store, AuditTrail audit) {
        this.transactions = transactions;
        this.store = store;
        this.audit = audit;
    }

    AllowedTargetViews.Shown current() {
        return transactions.inTransaction("reading the allowed targets", connection -> store.read(connection, false))
                .map(stored -> new AllowedTargetViews.Shown(stored.entries(), stored.changedAt(), stored.changedBy()))
                .orElseGet(() -> new AllowedTargetViews.Shown(List.of(), null, null));
    }

    /**
     * Replaces the whole list and records the change (before and after) in the audit log.
     *
     * @throws io.loadstack.support.targets.InvalidTargetEntryException naming an entry that cannot be read (400)
     */
    AllowedTargetViews.Shown replace(List<String> entries, String admin) {
        List<String> after = TargetList.of(entries).entries();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> before = transactions.inTransaction("changing the allowed targets", connection -> {
            List<String> was = store.read(connection, true).map(AllowedTargetStore.Stored::entries).orElse(List.of());
            store.replace(connection, after, admin, now);
            return was;
        });
        audit.record(admin, AuditAction.ALLOWED_TARGETS_CHANGED, Map.of("before", before, "after", after));
        return new AllowedTargetViews.Shown(after, now, admin);
    }

    /**
     * @throws TargetNotAllowedException when no entry allows the URL's host and port (403)
     */
    public void requireAllowed(String targetUrl) {
        List<String> entries = transactions.inTransaction("reading the allowed targets",
                connection -> store.read(connection, false)).map(AllowedTargetStore.Stored::entries).orElse(List.of());
        TargetList allowed = TargetList.of(entries);
        if (!allowed.allows(targetUrl)) {
            String where = Target.ofUrl(targetUrl).map(target -> " (" + target.hostAndPort() + ")").orElse("");
            throw new TargetNotAllowedException("the target " + shorten(targetUrl) + where + " is not on the allowed"
                    + " targets, so no launch may send load to it. An admin can allow it on the Allowed targets page"
                    + " (#/targets) or with PUT /api/allowed-targets");
        }
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
