package io.loadstack.agent.share;

import io.loadstack.agent.generator.Assignment;
import io.loadstack.agent.generator.Generator;
import io.loadstack.agent.generator.GeneratorFailedException;
import io.loadstack.agent.generator.GeneratorOutput;
import io.loadstack.agent.generator.GeneratorResult;
import io.loadstack.agent.plan.PlanFile;
import io.loadstack.agent.plan.PlanFileException;
import io.loadstack.agent.plan.PlanFiles;
import io.loadstack.support.targets.TargetList;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;

/**
 * This agent's share of one launch, from its assignment to its end, on a thread of its own: it reports
 * PREPARING, fetches the plan's files into {@code launch-<id>}, prepares the generator and reports READY,
 * starts it at the launch's start (in server time), reports RUNNING once the first request left and every
 * {@link ShareEnvironment#reportInterval} with the counts and new log lines, and FINISHED or FAILED at the
 * end. A stop (Loadstack's, the lease's, or a report answered 404/409) ends it through the generator's own
 * stop. The generator is closed and the work directory deleted whatever the end.
 */
public final class Share implements Runnable {

    /** The grace a share gives its generator when Loadstack did not name one (its report was refused). */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final Command.Assign assign;
    private final ShareEnvironment env;
    private final Runnable onEnd;
    private final ShareLog log = new ShareLog();
    private final Object lock = new Object();

    // guarded by lock
    private ShareStatus status = ShareStatus.PREPARING;
    private String message;
    private boolean reported;
    private Instant startAt;
    private boolean stopping;
    private Duration grace = DEFAULT_GRACE;
    private boolean gone;
    private boolean wake;
    private Generator generator;

    private volatile Instant firstRequestAt;
    private volatile long requests;
    private volatile long failures;

    /** @param onEnd called last, on the share's thread, once nothing of the share is left */
    public Share(Command.Assign assign, ShareEnvironment env, Runnable onEnd) {
        this.assign = assign;
        this.env = env;
        this.onEnd = onEnd;
    }

    public long launchId() {
        return assign.launchId();
    }

    /** The share as the next heartbeat lists it. */
    public HeldLaunch held() {
        synchronized (lock) {
            return new HeldLaunch(assign.launchId(), status.name(), startAt, stopping);
        }
    }

    /** Loadstack's start: the generator starts at {@code serverStartAt}. A second, different one is ignored. */
    public void start(Instant serverStartAt) {
        synchronized (lock) {
            if (startAt == null && !stopping) {
                startAt = serverStartAt;
                lock.notifyAll();
            } else if (startAt != null && !startAt.equals(serverStartAt)) {
                env.log().warning("Launch " + launchId() + ": a second start (" + serverStartAt + ") after " + startAt
                        + " is ignored");
            }
        }
    }

    /** Ends the share through its generator's own stop, killing it after {@code grace}. Twice is harmless. */
    public void stop(String reason, Duration grace) {
        Generator running;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            this.grace = grace;
            running = generator;
            lock.notifyAll();
        }
        env.log().info("Launch " + launchId() + ": stopping its share (" + reason + ")");
        log.add("Agent " + env.agentName() + " stops its share: " + reason);
        if (running != null) {
            running.stop(grace);
        }
    }

    @Override
    public void run() {
        PlanFiles files = null;
        Path directory = env.workRoot().resolve("launch-" + launchId());
        try {
            String refusal = targetRefusal();
            if (refusal != null) {
                env.log().warning("Launch " + launchId() + ": refused: " + refusal);
                end(ShareStatus.FAILED, refusal);
                return;
            }
            sendReport();
            files = env.files().fetch(directory, planFiles());
            Generator created = env.generators().create(assignment(files.directory()));
            if (!attach(created)) {
                end(ShareStatus.FINISHED, null);
                return;
            }
            String description = created.prepare(output());
            setStatus(ShareStatus.READY, description);
            sendReport();
            Instant start = awaitStartOrStop();
            if (start != null) {
                Duration late = Duration.between(start, env.clock().serverNow());
                if (late.compareTo(env.startTolerance()) > 0) {
                    end(ShareStatus.FAILED, "start time already past by " + late.toSeconds() + " s");
                    return;
                }
                Instant localStart = env.clock().localTimeOf(start);
                // rounded up: a generator counts in milliseconds and must not start before the instant
                created.startAt(localStart.toEpochMilli() + (localStart.getNano() % 1_000_000 == 0 ? 0 : 1));
                env.log().info("Launch " + launchId() + ": starts at " + start + " (server time)");
            }
            GeneratorResult result = awaitEnd(created);
            requests = result.requests();
            failures = result.failures();
            end(ShareStatus.FINISHED, null);
        } catch (GeneratorFailedException | PlanFileException e) {
            end(isStopping() ? ShareStatus.FINISHED : ShareStatus.FAILED, e.getMessage());
        } catch (InterruptedException e) {
            env.log().info("Launch " + launchId() + ": the agent is shutting down; its share ends unreported");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            env.log().log(Level.SEVERE, "Launch " + launchId() + ": the share failed unexpectedly", e);
            end(ShareStatus.FAILED, "the agent failed: " + e);
        } finally {
            closeGenerator();
            deleteWorkDirectory(files, directory);
            onEnd.run();
        }
    }

    /**
     * Why this agent will not send the share's load to its target (its operator's own list says no), or null. Asked
     * before anything is fetched or started: the agent's list holds whatever Loadstack allows.
     */
    private String targetRefusal() {
        TargetList allowed = env.allowedTargets();
        if (allowed == null) {
            return null;
        }
        String target = assign.targetHost() == null ? "" : assign.targetHost();
        // a bare host is http://, as the generators take it
        if (allowed.allows(target.contains("://") ? target : "http://" + target)) {
            return null;
        }
        String list = allowed.toString();
        return "the agent refuses the target " + (target.length() > 200 ? target.substring(0, 200) + "…" : target)
                + ": it is not on the agent's own LOADSTACK_AGENT_ALLOWED_TARGETS ("
                + (list.length() > 300 ? list.substring(0, 300) + "…" : list) + "), which only the agent's operator can change";
    }

    private List<PlanFile> planFiles() {
        List<PlanFile> files = new ArrayList<>();
        PlanFile main = planFile(assign.main());
        files.add(main);
        for (Command.FileRef file : assign.files()) {
            if (!file.name().equals(main.name())) {
                files.add(planFile(file));
            }
        }
        return files;
    }

    private static PlanFile planFile(Command.FileRef file) {
        if (file == null) {
            throw new PlanFileException("the assignment names no main file");
        }
        return new PlanFile(file.name(), file.sha256(), file.size());
    }

    private Assignment assignment(Path workDirectory) {
        List<PlanFile> files = planFiles();
        return new Assignment(assign.launchId(), assign.runUuid(), assign.runName(), assign.generator(),
                files.get(0), files.subList(1, files.size()), assign.users(),
                assign.rampUpSeconds(), assign.spawnRate(), assign.durationSeconds(), assign.targetHost(),
                assign.properties(), assign.tags(), env.agentName(), env.region(), env.consumerUrl(),
                assign.ingestToken(), workDirectory);
    }

    /** @return false when the share is already stopping, and the generator need not start at all */
    private boolean attach(Generator created) {
        synchronized (lock) {
            generator = created;
            return !stopping;
        }
    }

    private GeneratorOutput output() {
        return new GeneratorOutput() {
            @Override
            public void logLine(String line) {
                log.add(line);
            }

            @Override
            public void firstRequest(long localEpochMillis) {
                firstRequestAt = env.clock().serverTimeOf(Instant.ofEpochMilli(localEpochMillis));
                synchronized (lock) {
                    if (status == ShareStatus.READY) {
                        status = ShareStatus.RUNNING;
                        reported = false;
                    }
                    wake = true;
                    lock.notifyAll();
                }
            }

            @Override
            public void counts(long requestsSoFar, long failuresSoFar) {
                requests = requestsSoFar;
                failures = failuresSoFar;
            }
        };
    }

    /** Waits for the start, reporting what is new meanwhile. @return the start, or null when stopping */
    private Instant awaitStartOrStop() throws InterruptedException {
        while (true) {
            synchronized (lock) {
                if (stopping) {
                    return null;
                }
                if (startAt != null) {
                    return startAt;
                }
                lock.wait(env.reportInterval().toMillis());
                if (stopping || startAt != null) {
                    continue;
                }
            }
            if (!isReported() || !log.isEmpty()) {
                sendReport();
            }
        }
    }

    /** Reports every interval (and at once when the first request left) until the generator has ended. */
    private GeneratorResult awaitEnd(Generator running) throws GeneratorFailedException, InterruptedException {
        CompletableFuture<GeneratorResult> end = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                end.complete(running.awaitEnd());
            } catch (Throwable e) {
                end.completeExceptionally(e);
            }
            synchronized (lock) {
                lock.notifyAll();
            }
        }, "launch-" + launchId() + "-generator");
        waiter.setDaemon(true);
        waiter.start();
        while (!end.isDone()) {
            synchronized (lock) {
                if (!end.isDone() && !wake) {
                    lock.wait(env.reportInterval().toMillis());
                }
                wake = false;
            }
            if (!end.isDone()) {
                sendReport();
            }
        }
        try {
            return end.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneratorFailedException failed) {
                throw failed;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException("the generator failed unexpectedly", e.getCause());
        }
    }

    /** The share's last report, retried a while; not sent when Loadstack said it no longer knows the share. */
    private void end(ShareStatus last, String why) {
        setStatus(last, why);
        env.log().info("Launch " + launchId() + ": share " + last + (why == null ? "" : " (" + why + ")")
                + ", " + requests + " requests, " + failures + " failures");
        long deadline = System.nanoTime() + env.finalReportRetry().toNanos();
        try {
            while (!isGone() && sendReport() == ReportOutcome.FAILED && System.nanoTime() < deadline) {
                Thread.sleep(env.reportInterval().toMillis());
            }
            while (!isGone() && !log.isEmpty() && sendReport() == ReportOutcome.ACCEPTED) {
                // the rest of the log lines, 50 a report
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ReportOutcome sendReport() throws InterruptedException {
        Report report;
        synchronized (lock) {
            report = new Report(status, message, firstRequestAt, requests, failures, log.take());
        }
        ReportOutcome outcome = env.reports().send(launchId(), report);
        switch (outcome) {
            case ACCEPTED -> {
                synchronized (lock) {
                    if (report.status() == status) {
                        reported = true;
                    }
                }
            }
            case FAILED -> log.putBack(report.log());
            case GONE -> {
                synchronized (lock) {
                    gone = true;
                }
                stop("Loadstack answered that the launch no longer has this share", DEFAULT_GRACE);
            }
        }
        return outcome;
    }

    private void setStatus(ShareStatus next, String why) {
        synchronized (lock) {
            if (next == ShareStatus.READY && status != ShareStatus.PREPARING) {
                return;
            }
            status = next;
            message = why;
            reported = false;
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    private boolean isGone() {
        synchronized (lock) {
            return gone;
        }
    }

    private boolean isReported() {
        synchronized (lock) {
            return reported;
        }
    }

    private void closeGenerator() {
        Generator created;
        synchronized (lock) {
            created = generator;
        }
        if (created != null) {
            created.close();
        }
    }

    private void deleteWorkDirectory(PlanFiles files, Path directory) {
        try {
            (files != null ? files : PlanFiles.at(directory)).delete();
        } catch (UncheckedIOException e) {
            env.log().log(Level.WARNING, "Launch " + launchId() + ": cannot delete its work directory", e);
        }
    }
}
