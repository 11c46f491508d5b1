package io.loadstack.api.verdicts;

import io.loadstack.api.launches.Launches;
import io.loadstack.api.runs.NoSuchRunException;
import io.loadstack.api.runs.RunComparison;
import io.loadstack.api.runs.RunQueries;
import io.loadstack.api.runs.RunViews;
import io.loadstack.support.thresholds.ThresholdParser;
import io.loadstack.support.thresholds.ThresholdSyntaxException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's verdict: its criteria (the thresholds of its test, its own from register, its launch's) judged on
 * its figures, and, when its test has a baseline, the regressions against it. See api-service/README.md,
 * "Verdicts", for what each status means. Nothing is stored: a verdict is worked out from the run tables
 * whenever it is asked for, so it always follows the test's current settings.
 */
@Singleton
public class Verdicts {

    private static final Logger LOG = LoggerFactory.getLogger(Verdicts.class);

    private final RunQueries runs;
    private final TestStore tests;
    private final Launches launches;

    Verdicts(RunQueries runs, TestStore tests, Launches launches) {
        this.runs = runs;
        this.tests = tests;
        this.launches = launches;
    }

    /** Status of a launch's run before its first agent registered it. */
    static final String STARTING = "STARTING";
    /** Status of a launch's run that never started: the launch ended first. */
    static final String NOT_STARTED = "NOT_STARTED";

    /**
     * The run's verdict; a launch's run has one from the launch on, before the run exists.
     *
     * @throws NoSuchRunException when there is no such run and no launch chose that uuid
     */
    public VerdictViews.Verdict of(String uuid) {
        Optional<RunViews.Run> run = runs.find(uuid);
        if (run.isPresent()) {
            return of(run.get(), tests.find(run.get().name()).orElse(TestSettings.none(run.get().name())));
        }
        Launches.RunLaunch launch = launches.ofRun(uuid).orElseThrow(() -> new NoSuchRunException(uuid));
        return beforeRun(uuid, launch);
    }

    /**
     * The criteria a running run fails on its live records, each with what was measured ({@code p95 < 300ms:
     * 412 ms}); empty while it passes, once it has ended, or when there is no such run. What abortOnFail stops a
     * launch for and what the notifications tell.
     */
    public List<String> liveFailures(String uuid) {
        Optional<RunViews.Run> run = runs.find(uuid);
        if (run.isEmpty() || !"RUNNING".equals(run.get().status())) {
            return List.of();
        }
        VerdictViews.Verdict verdict = of(run.get(), tests.find(run.get().name()).orElse(TestSettings.none(run.get().name())));
        return verdict.verdict() == VerdictStatus.FAILED ? failedCriteria(verdict) : List.of();
    }

    /** Each failed criterion of a verdict with its measured value: {@code p95 < 300ms: 412 ms}. */
    static List<String> failedCriteria(VerdictViews.Verdict verdict) {
        return verdict.criteria().stream().filter(criterion -> Boolean.FALSE.equals(criterion.passed()))
                .map(criterion -> criterion.expression() + (criterion.value() == null ? ""
                        : ": " + criterion.value() + (criterion.unit().isEmpty() ? "" : " " + criterion.unit())))
                .toList();
    }

    /**
     * Whether the run is over: it ended, or it never will start (its launch ended first). What a wait for the
     * end polls, without judging the run.
     *
     * @throws NoSuchRunException when there is no such run and no launch chose that uuid
     */
    boolean isOver(String uuid) {
        Optional<TestStore.RunState> state = tests.runState(uuid);
        if (state.isPresent()) {
            return !state.get().isRunning();
        }
        return launches.ofRun(uuid).map(launch -> launch.status().isEnded()).orElseThrow(() -> new NoSuchRunException(uuid));
    }

    /**
     * A launch's run that its agents have not registered yet: PENDING with its thresholds undecided, or, once
     * the launch ended without it, FAILED saying why (a CI job waiting on it must not pass).
     */
    private VerdictViews.Verdict beforeRun(String uuid, Launches.RunLaunch launch) {
        TestSettings test = tests.find(launch.planName()).orElse(TestSettings.none(launch.planName()));
        List<JudgedThreshold> thresholds = new ArrayList<>();
        List<VerdictViews.Criterion> criteria = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        collect(test.thresholds(), "test", thresholds, criteria, seen);
        collect(launch.thresholds(), "launch", thresholds, criteria, seen);
        boolean ended = launch.status().isEnded();
        for (JudgedThreshold threshold : thresholds) {
            criteria.add(new VerdictViews.Criterion(threshold.threshold().expression(), threshold.source(), null,
                    threshold.threshold().metric().unit(), null, "the run has not started"));
        }
        if (ended) {
            criteria.add(0, new VerdictViews.Criterion("the launch runs its test", "launch", null, "", false,
                    "launch " + launch.id() + " ended " + launch.status() + " before its run started"
                            + (launch.reason() == null ? "" : ": " + launch.reason())));
        }
        VerdictStatus verdict = ended ? VerdictStatus.FAILED
                : criteria.isEmpty() && test.baselineRunUuid() == null ? VerdictStatus.NONE : VerdictStatus.PENDING;
        return new VerdictViews.Verdict(uuid, launch.planName(), ended ? NOT_STARTED : STARTING, verdict, criteria,
                List.of(), null, Instant.now());
    }

    VerdictViews.Verdict of(RunViews.Run run, TestSettings test) {
        List<JudgedThreshold> thresholds = new ArrayList<>();
        List<VerdictViews.Criterion> unreadable = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        collect(test.thresholds(), "test", thresholds, unreadable, seen);
        collect(tests.runThresholds(run.uuid()), "run", thresholds, unreadable, seen);
        collect(launches.ofRun(run.uuid()).map(Launches.RunLaunch::thresholds).orElse(List.of()), "launch", thresholds,
                unreadable, seen);
        boolean running = "RUNNING".equals(run.status());
        Optional<RunViews.Run> baseline = baseline(run, test);
        boolean needsEndpoints = baseline.isPresent() || thresholds.stream().anyMatch(t -> t.threshold().isPerEndpoint());
        List<RunViews.Endpoint> endpoints = needsEndpoints ? runs.endpoints(run.uuid(), RunQueries.coveredSeconds(run)) : List.of();
        Map<String, Figures> endpointFigures = new HashMap<>();
        endpoints.forEach(e -> endpointFigures.put(e.method() + " " + e.name(), Figures.of(e)));

        List<VerdictViews.Criterion> criteria = new ArrayList<>();
        if (running) {
            ThresholdJudge.Records records = new ThresholdJudge.Records(thresholds);
            if (thresholds.stream().anyMatch(t -> ThresholdJudge.judgedPerRecord(t.threshold()))) {
                runs.records(run.uuid(), records::add);
            }
            criteria.addAll(records.criteria(Figures.of(run), endpointFigures));
        } else {
            for (JudgedThreshold threshold : thresholds) {
                criteria.add(ThresholdJudge.atEnd(threshold, Figures.of(run), endpointFigures));
            }
        }
        criteria.addAll(unreadable);

        List<VerdictViews.Regression> regressions = running || baseline.isEmpty() ? List.of()
                : Regressions.of(RunComparison.of(baseline.get(), runs.endpoints(baseline.get().uuid(),
                        RunQueries.coveredSeconds(baseline.get())), run, endpoints, test.tolerances()), test.tolerances());
        VerdictViews.Baseline shownBaseline = baseline.map(b -> new VerdictViews.Baseline(b.uuid(), b.startedAt(),
                test.tolerances())).orElse(null);
        return new VerdictViews.Verdict(run.uuid(), run.name(), run.status(),
                status(running, criteria, regressions, baseline.isPresent()), criteria, regressions, shownBaseline,
                Instant.now());
    }

    private static VerdictStatus status(boolean running, List<VerdictViews.Criterion> criteria,
                                        List<VerdictViews.Regression> regressions, boolean hasBaseline) {
        if (criteria.isEmpty() && !hasBaseline) {
            return VerdictStatus.NONE;
        }
        boolean failed = !regressions.isEmpty() || criteria.stream().anyMatch(c -> Boolean.FALSE.equals(c.passed()));
        if (failed) {
            return VerdictStatus.FAILED;
        }
        return running ? VerdictStatus.PENDING : VerdictStatus.PASSED;
    }

    /** The test's baseline run, unless this is it, it is gone, or it is still running. */
    private Optional<RunViews.Run> baseline(RunViews.Run run, TestSettings test) {
        String uuid = test.baselineRunUuid();
        if (uuid == null || uuid.equals(run.uuid())) {
            return Optional.empty();
        }
        return runs.find(uuid).filter(b -> !"RUNNING".equals(b.status()));
    }

    /**
     * Parses stored thresholds. Each was checked when it was stored; one that no longer parses (stored by
     * another version) becomes a failed criterion saying why, rather than hiding the run's verdict.
     */
    private static void collect(List<String> expressions, String source, List<JudgedThreshold> into,
                                List<VerdictViews.Criterion> unreadable, Set<String> seen) {
        for (String expression : expressions) {
            if (!seen.add(expression.strip())) {
                continue;
            }
            try {
                into.add(new JudgedThreshold(ThresholdParser.parse(expression), source));
            } catch (ThresholdSyntaxException e) {
                LOG.warn("the {} threshold '{}' does not parse: {}", source, expression, e.getMessage());
                unreadable.add(new VerdictViews.Criterion(expression, source, null, "", false,
                        "does not parse: " + e.getMessage()));
            }
        }
    }
}
