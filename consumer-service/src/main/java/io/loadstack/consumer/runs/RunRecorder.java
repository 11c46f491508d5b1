package io.loadstack.consumer.runs;

import io.loadstack.consumer.writer.PendingWrites;
import io.loadstack.consumer.writer.RunWrite;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The runs being recorded, fed in journal order by the journal thread (and by the replay at start, the same
 * way): each event goes to the run it names, which applies its own rules ({@link LiveRun}); each interval
 * tick closes the current interval of every running run. Whatever MySQL must store is handed to
 * {@link PendingWrites} as consistent copies.
 *
 * <p>Every run remembers the journal entry it reflects ({@code appliedLsn}), and MySQL stores it with the
 * run: at replay, entries a run already reflects are skipped, so nothing is counted twice.
 *
 * <p>A run that finishes is dropped at once: its last write carries its state to MySQL, and only a
 * {@link FinishedRun} of a few hundred bytes stays, for late posts and the live view. Those are kept for
 * {@code keepFinished} and at most {@code keepFinishedRuns} of them, the oldest of those MySQL holds going
 * first; a run the recorder no longer knows is answered from MySQL by the HTTP layer.
 */
@Singleton
public class RunRecorder {

    /** Origins whose runs end when their generators go quiet: k6 sends no end-of-test mark. */
    private static final Set<String> IDLE_COMPLETES = Set.of("k6", "influx");
    /** Gatling's Graphite writer sends no end mark either, but a line every second while it runs. */
    private static final String GATLING = "gatling";

    private final Map<String, LiveRun> running = new ConcurrentHashMap<>();
    /** Insertion order is the order runs finished in; guarded by itself. */
    private final LinkedHashMap<String, FinishedRun> finished = new LinkedHashMap<>();
    private final PendingWrites pending;
    private final RunSettings settings;
    private final Duration influxIdleTimeout;
    private final Duration gatlingIdleTimeout;
    private volatile Function<String, Optional<RunState>> storedRuns = uuid -> Optional.empty();

    public RunRecorder(PendingWrites pending, RunSettings settings, InfluxRunSettings influx, GatlingRunSettings gatling) {
        this.pending = pending;
        this.settings = settings;
        this.influxIdleTimeout = influx.idleTimeout();
        this.gatlingIdleTimeout = gatling.idleTimeout();
    }

    /** The owner and status of a run the recorder holds (running, or finished recently). */
    public Optional<RunState> find(String uuid) {
        LiveRun run = running.get(uuid);
        if (run != null) {
            return Optional.of(new RunState(run.ownerId(), run.status()));
        }
        FinishedRun done = finishedRun(uuid);
        return done == null ? Optional.empty() : Optional.of(new RunState(done.ownerId(), done.status()));
    }

    public long runningCount() {
        return running.values().stream().filter(LiveRun::isRunning).count();
    }

    /** How many runs the recorder holds, running and finished: bounded by the running ones plus keepFinishedRuns. */
    public int heldRuns() {
        synchronized (finished) {
            return running.size() + finished.size();
        }
    }

    /** A run loaded from MySQL at start, before the journal is replayed on top of it. */
    public void restore(LiveRun run) {
        if (run.isRunning()) {
            running.put(run.uuid(), run);
        } else {
            FinishedRun done = run.finished(Instant.now());
            done.markStored();
            remember(done);
        }
    }

    /** One journal entry, applied in journal order; @return the answer for whoever sent it */
    public Outcome apply(long lsn, RunEvent event) {
        if (event instanceof RunEvent.Stats stats) {
            return stats(lsn, stats);
        } else if (event instanceof RunEvent.IntervalClosed tick) {
            return intervalClosed(lsn, tick);
        } else if (event instanceof RunEvent.InfluxSamples samples) {
            return influxSamples(lsn, samples);
        } else if (event instanceof RunEvent.Registered registered) {
            return registered(lsn, registered);
        } else if (event instanceof RunEvent.Committed committed) {
            return committed(lsn, committed);
        } else if (event instanceof RunEvent.Imported imported) {
            return imported(lsn, imported);
        }
        throw new IllegalArgumentException("not a run event: " + event);
    }

    /**
     * A new run, or one that exists already: a client may name the uuid (a launch's agents all name theirs),
     * so the first register creates the run and the others join it. A join changes nothing, so a replay
     * of it changes nothing either; a run's own register, replayed, is a join of its owner.
     */
    private Outcome registered(long lsn, RunEvent.Registered event) {
        LiveRun run = running.get(event.uuid());
        if (run != null) {
            if (run.ownerId() != event.ownerId()) {
                return Outcome.FORBIDDEN;
            }
            return run.isRunning() ? Outcome.DUPLICATE : Outcome.FINISHED;
        }
        FinishedRun done = finishedRun(event.uuid());
        if (done != null) {
            return done.refuse(lsn, event.ownerId());
        }
        Optional<RunState> stored = storedRuns.apply(event.uuid());
        if (stored.isPresent()) {
            // Only while replaying: a run that finished before the checkpoint, which the live path refused.
            return stored.get().ownerId() != event.ownerId() ? Outcome.FORBIDDEN : Outcome.FINISHED;
        }
        run = LiveRun.registered(lsn, event);
        running.put(run.uuid(), run);
        pending.add(new PendingWrites.Batch(0, List.of(run.firstWrite())));
        return Outcome.ACCEPTED;
    }

    /**
     * While the journal is replayed at start, before any request is taken: where the recorder does not know
     * a uuid a register names, MySQL may (a run that finished and was checkpointed after a join of it was
     * journaled and refused). Live, the HTTP layer asks MySQL before journaling, and the journal thread
     * never waits for MySQL.
     */
    public void replayingWith(Function<String, Optional<RunState>> storedRuns) {
        this.storedRuns = storedRuns;
    }

    public void replayed() {
        this.storedRuns = uuid -> Optional.empty();
    }

    private Outcome stats(long lsn, RunEvent.Stats event) {
        LiveRun run = running.get(event.uuid());
        if (run != null) {
            return run.acceptStats(lsn, event);
        }
        FinishedRun done = finishedRun(event.uuid());
        return done == null ? Outcome.NOT_FOUND : done.refuse(lsn, event.ownerId());
    }

    private Outcome committed(long lsn, RunEvent.Committed event) {
        LiveRun run = running.get(event.uuid());
        if (run == null) {
            FinishedRun done = finishedRun(event.uuid());
            return done == null ? Outcome.NOT_FOUND : done.refuse(lsn, event.ownerId());
        }
        LiveRun.Change change = run.commit(lsn, event);
        if (change.write() != null) {
            pending.add(new PendingWrites.Batch(0, List.of(change.write())));
            retire(run, event.receivedAt());
        }
        return change.outcome();
    }

    /**
     * A finished run imported whole: written at once as COMPLETED with all its intervals. Its uuid comes from
     * its content, so importing it again (or replaying the entry) finds it and changes nothing.
     */
    private Outcome imported(long lsn, RunEvent.Imported event) {
        if (running.containsKey(event.uuid()) || finishedRun(event.uuid()) != null || storedRuns.apply(event.uuid()).isPresent()) {
            return Outcome.DUPLICATE;
        }
        LiveRun run = LiveRun.imported(lsn, event);
        pending.add(new PendingWrites.Batch(0, List.of(run.importedWrite())));
        remember(run.finished(event.receivedAt()));
        return Outcome.ACCEPTED;
    }

    /**
     * An InfluxDB-protocol write: each run's samples go to the running run with the same owner, origin and
     * key, or open one (its uuid derived from the key and this entry's lsn, so a replay opens the same run).
     */
    private Outcome influxSamples(long lsn, RunEvent.InfluxSamples event) {
        for (RunEvent.RunSamples samples : event.runs()) {
            LiveRun run = findRunningByKey(event.ownerId(), samples);
            if (run == null) {
                if (samples.endpoints().isEmpty() && samples.starts() == 0) {
                    continue; // an end mark or a users count of a run we do not have: nothing to open a run for
                }
                String uuid = UUID.nameUUIDFromBytes((event.ownerId() + "|" + samples.origin() + "|"
                        + samples.key() + "|" + lsn).getBytes(StandardCharsets.UTF_8)).toString();
                if (finishedRun(uuid) != null) {
                    continue; // a replay of the write that opened a run which has finished since
                }
                run = running.get(uuid);
                if (run == null) {
                    run = LiveRun.openedByInflux(uuid, lsn, event.ownerId(), samples, event.receivedAt());
                    running.put(uuid, run);
                    pending.add(new PendingWrites.Batch(0, List.of(run.firstWrite())));
                }
            }
            RunWrite last = run.applyInflux(lsn, samples, event.receivedAt());
            if (last != null) {
                pending.add(new PendingWrites.Batch(0, List.of(last)));
                retire(run, event.receivedAt());
            }
        }
        return Outcome.ACCEPTED;
    }

    private LiveRun findRunningByKey(long ownerId, RunEvent.RunSamples samples) {
        for (LiveRun run : running.values()) {
            if (run.isRunningWithKey(ownerId, samples.origin(), samples.keyTag(), samples.key())) {
                return run;
            }
        }
        return null;
    }

    /**
     * The tick: one record per running run (flagged empty when nothing came), then a checkpoint. Each run
     * closes under its own lock and touches nothing shared, so the runs close in parallel: at 1,000 running
     * runs their percentiles and encodings are most of a tick's CPU (BENCHMARKS.md).
     */
    private Outcome intervalClosed(long lsn, RunEvent.IntervalClosed event) {
        Instant at = event.at();
        List<RunWrite> writes = running.values().parallelStream()
                .map(run -> run.closeForTick(lsn, at, settings.runTimeout(), idleTimeout(run.origin())))
                .filter(Objects::nonNull)
                .toList();
        pending.add(new PendingWrites.Batch(lsn, writes));
        for (RunWrite write : writes) {
            if (write.status() != RunStatus.RUNNING) {
                retire(running.get(write.uuid()), at);
            }
        }
        forgetFinishedBefore(at.minus(settings.keepFinished()));
        return Outcome.ACCEPTED;
    }

    /** How long a run of this origin may be quiet before it is COMPLETED, or null when its generator commits. */
    private Duration idleTimeout(String origin) {
        if (GATLING.equals(origin)) {
            return gatlingIdleTimeout;
        }
        return IDLE_COMPLETES.contains(origin) ? influxIdleTimeout : null;
    }

    /** The run has finished and its last write is pending: only its {@link FinishedRun} stays. */
    private void retire(LiveRun run, Instant at) {
        FinishedRun done = run.finished(at);
        remember(done);
        running.remove(run.uuid());
    }

    private void remember(FinishedRun done) {
        synchronized (finished) {
            finished.put(done.uuid(), done);
            trimFinished();
        }
    }

    /**
     * Called by the writer once MySQL holds these writes: a finished run whose last write is stored may now be
     * forgotten, since MySQL answers for it.
     */
    public void stored(List<RunWrite> writes) {
        boolean any = false;
        synchronized (finished) {
            for (RunWrite write : writes) {
                if (write.status() != RunStatus.RUNNING) {
                    FinishedRun done = finished.get(write.uuid());
                    if (done != null) {
                        done.markStored();
                        any = true;
                    }
                }
            }
            if (any) {
                trimFinished();
            }
        }
    }

    /** Beyond keepFinishedRuns, the oldest go first, but only once MySQL holds them (it answers for them then). */
    private void trimFinished() {
        Iterator<FinishedRun> oldest = finished.values().iterator();
        int excess = finished.size() - settings.keepFinishedRuns();
        while (excess > 0 && oldest.hasNext()) {
            if (oldest.next().isStored()) {
                oldest.remove();
                excess--;
            }
        }
    }

    private void forgetFinishedBefore(Instant cutoff) {
        synchronized (finished) {
            finished.values().removeIf(done -> done.isStored() && done.finishedAt().isBefore(cutoff));
        }
    }

    private FinishedRun finishedRun(String uuid) {
        synchronized (finished) {
            return finished.get(uuid);
        }
    }

    /** What the live view shows of a run right now. */
    public Optional<LiveSnapshot> liveSnapshot(String uuid, Instant now) {
        LiveRun run = running.get(uuid);
        if (run != null) {
            return Optional.of(run.liveSnapshot(now, Integer.MAX_VALUE));
        }
        FinishedRun done = finishedRun(uuid);
        return done == null ? Optional.empty() : Optional.of(done.liveSnapshot(now));
    }
}
