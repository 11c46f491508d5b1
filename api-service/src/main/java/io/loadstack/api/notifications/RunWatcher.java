package io.loadstack.api.notifications;

import io.loadstack.api.storage.JdbcTransactions;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells when runs start and end. The consumer-service writes the runs table and knows nothing of
 * notifications, so this looks at it every two seconds, on whichever replica holds the checkpoint row
 * ({@code SKIP LOCKED}: the others skip a turn). A run is marked told in the same transaction that queues
 * its deliveries, so each start and each end is told once, whichever replica looks and whatever fails.
 */
@Singleton
class RunWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RunWatcher.class);
    private static final int NO_SUCH_TABLE = 1146;
    private static final int BATCH = 200;
    /**
     * How far before the checkpoint a start is still looked for: a run's start time may be the generator's
     * clock, and the consumer writes it a few seconds after the start.
     */
    private static final Duration START_SLACK = Duration.ofMinutes(15);
    /** Marks of runs told ended are kept this long, well past the start window, then forgotten. */
    private static final Duration KEEP_MARKS = Duration.ofDays(1);

    private final JdbcTransactions transactions;
    private final RunWatchStore store;
    private final Notifier notifier;
    private final Optional<RunVerdicts> verdicts;
    private boolean toldTablesMissing;

    RunWatcher(JdbcTransactions transactions, RunWatchStore store, Notifier notifier, Optional<RunVerdicts> verdicts) {
        this.transactions = transactions;
        this.store = store;
        this.notifier = notifier;
        this.verdicts = verdicts;
    }

    @Scheduled(fixedDelay = "2s", initialDelay = "2s")
    void tick() {
        try {
            look();
            toldTablesMissing = false;
        } catch (RuntimeException e) {
            if (isNoSuchTable(e)) {
                if (!toldTablesMissing) {
                    LOG.info("no runs table yet (the consumer-service makes it at its first start); runs are not announced until then");
                    toldTablesMissing = true;
                }
                return;
            }
            LOG.error("watching runs for notifications failed; it looks again in two seconds", e);
        }
    }

    void look() {
        Optional<Judged> judged = verdicts.isEmpty() ? Optional.of(Judged.NONE) : judge();
        if (judged.isEmpty()) {
            return;
        }
        transactions.inTransaction("watching runs for notifications", connection -> {
            Optional<Instant> seenUntil = store.lockCheckpoint(connection);
            if (seenUntil.isEmpty()) {
                return null;
            }
            Instant now = Notifier.now();
            List<RunWatchStore.WatchedRun> started = store.untoldStarts(connection, seenUntil.get().minus(START_SLACK), BATCH);
            for (RunWatchStore.WatchedRun run : started) {
                notifier.publish(connection, new NotificationEvent.RunStarted(run.uuid(), run.name(), run.startedAt(),
                        run.origin(), run.host(), run.targetHost()));
                store.startTold(connection, run.uuid(), now);
            }
            for (RunWatchStore.WatchedRun run : store.runningUntoldThresholds(connection, BATCH)) {
                List<String> failed = judged.get().live().getOrDefault(run.uuid(), List.of());
                if (!failed.isEmpty()) {
                    notifier.publish(connection, new NotificationEvent.ThresholdFailed(run.uuid(), run.name(), now, failed));
                    store.thresholdTold(connection, run.uuid(), now);
                }
            }
            for (RunWatchStore.WatchedRun run : store.untoldEnds(connection, BATCH)) {
                Optional<RunVerdicts.RunVerdict> verdict = judged.get().ended().get(run.uuid());
                if (verdict == null && verdicts.isPresent()) {
                    continue; // it ended after the verdicts were had: told at the next look, with its own
                }
                finished(connection, run, now, verdict == null ? Optional.empty() : verdict);
                store.endTold(connection, run.uuid(), now);
            }
            if (started.size() < BATCH) {
                // With a full batch, more starts may wait in the window: it moves only once they are told.
                store.moveCheckpoint(connection, now);
            }
            store.forget(connection, now.minus(KEEP_MARKS));
            return null;
        });
    }

    /**
     * The verdicts of the runs the next look may tell, had before its transaction: they read in transactions of
     * their own, and one inside the watch's would hold two of the pool's connections at once while the watch's
     * holds its tables, which stalls it behind anything that waits for those tables (a migration, a DROP)
     * and waits for the watch. Empty when another replica holds the checkpoint (it watches this turn).
     */
    private Optional<Judged> judge() {
        Optional<ToJudge> toJudge = transactions.inTransaction("finding runs to judge for notifications",
                connection -> store.lockCheckpoint(connection).isEmpty() ? Optional.empty()
                        : Optional.of(new ToJudge(store.runningUntoldThresholds(connection, BATCH), store.untoldEnds(connection, BATCH))));
        if (toJudge.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> live = new HashMap<>();
        toJudge.get().running().forEach(run -> live.put(run.uuid(), liveFailures(run.uuid())));
        Map<String, Optional<RunVerdicts.RunVerdict>> ended = new HashMap<>();
        toJudge.get().ended().forEach(run -> ended.put(run.uuid(), verdict(run.uuid())));
        return Optional.of(new Judged(live, ended));
    }

    private record ToJudge(List<RunWatchStore.WatchedRun> running, List<RunWatchStore.WatchedRun> ended) {
    }

    /** What {@link #judge} had: the failed live thresholds of running runs, and the verdicts of ended ones. */
    private record Judged(Map<String, List<String>> live, Map<String, Optional<RunVerdicts.RunVerdict>> ended) {
        static final Judged NONE = new Judged(Map.of(), Map.of());
    }

    private void finished(Connection connection, RunWatchStore.WatchedRun run, Instant now,
                          Optional<RunVerdicts.RunVerdict> verdict) throws SQLException {
        Instant at = run.endedAt() == null ? now : run.endedAt();
        notifier.publish(connection, new NotificationEvent.RunFinished(run.uuid(), run.name(), at, run.status(),
                verdict.map(RunVerdicts.RunVerdict::verdict).orElse(null),
                verdict.map(RunVerdicts.RunVerdict::failed).orElse(List.of()), numbers(run)));
        if (verdict.isPresent() && !verdict.get().regressions().isEmpty()) {
            notifier.publish(connection, new NotificationEvent.RegressionFound(run.uuid(), run.name(), at,
                    verdict.get().baselineUuid(), verdict.get().regressions()));
        }
    }

    /** A verdict that cannot be had now does not hold the run's end back: it is told without one. */
    private Optional<RunVerdicts.RunVerdict> verdict(String uuid) {
        if (verdicts.isEmpty()) {
            return Optional.empty();
        }
        try {
            return verdicts.get().of(uuid);
        } catch (RuntimeException e) {
            LOG.error("the verdict of run {} could not be had for its notification; it is told without one", uuid, e);
            return Optional.empty();
        }
    }

    private List<String> liveFailures(String uuid) {
        if (verdicts.isEmpty()) {
            return List.of();
        }
        try {
            return verdicts.get().liveFailures(uuid);
        } catch (RuntimeException e) {
            LOG.error("the live verdict of run {} could not be had for its notification; asked again next time", uuid, e);
            return List.of();
        }
    }

    static NotificationEvent.RunNumbers numbers(RunWatchStore.WatchedRun run) {
        double errorPercent = run.requests() == 0 ? 0 : run.failures() * 100.0 / run.requests();
        Double rps = null;
        if (run.endedAt() != null) {
            long millis = Duration.between(run.startedAt(), run.endedAt()).toMillis();
            rps = millis <= 0 ? null : run.requests() * 1000.0 / millis;
        }
        return new NotificationEvent.RunNumbers(run.requests(), run.failures(), errorPercent, rps, run.p50Ms(), run.p95Ms(),
                run.p99Ms(), run.maxUsers(), run.startedAt(), run.endedAt());
    }

    private static boolean isNoSuchTable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == NO_SUCH_TABLE) {
                return true;
            }
        }
        return false;
    }
}
