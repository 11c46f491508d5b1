package io.loadstack.api.verdicts;

import io.loadstack.api.runs.BadRunQueryException;
import io.loadstack.api.runs.RunComparison;
import io.loadstack.api.runs.RunQueries;
import io.loadstack.api.runs.RunViews;
import io.loadstack.support.thresholds.ThresholdParser;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tests: the runs of one name, with the settings their verdicts use (thresholds, tolerances, a baseline).
 * A test exists as soon as a run has its name; its settings row once someone sets something.
 */
@Singleton
public class Tests {

    /** As long as a run's name may be. */
    static final int MAX_NAME = 200;
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final TestStore store;
    private final RunQueries runs;
    private final Verdicts verdicts;

    Tests(TestStore store, RunQueries runs, Verdicts verdicts) {
        this.store = store;
        this.runs = runs;
        this.verdicts = verdicts;
    }

    /** @throws NoSuchTestException when no run has the name and it has no settings */
    TestViews.Test find(String name) {
        checkName(name);
        Optional<TestSettings> settings = store.find(name);
        long count = store.runCount(name);
        if (settings.isEmpty() && count == 0) {
            throw new NoSuchTestException(name);
        }
        return TestViews.Test.of(settings.orElse(TestSettings.none(name)), count);
    }

    /**
     * Replaces the test's settings; a test may be set up before its first run.
     *
     * @throws io.loadstack.support.thresholds.InvalidThresholdsException when a threshold does not parse (400)
     * @throws InvalidTestSettingsException when the baseline is not a finished run of this test (422)
     */
    TestViews.Test save(String name, TestBody body, String by) {
        checkName(name);
        List<String> thresholds = body.thresholds() == null ? List.of() : body.thresholds();
        ThresholdParser.parseAll("thresholds", thresholds);
        String baseline = body.baseline() == null || body.baseline().isBlank() ? null : baseline(name, body.baseline());
        TestSettings settings = new TestSettings(name, thresholds, tolerances(body.tolerances()), baseline);
        store.save(settings, by, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return TestViews.Test.of(settings, store.runCount(name));
    }

    /** The tests with runs, the most recently run first, then those set up before any run. */
    List<TestViews.Summary> list(int limit) {
        Map<String, TestSettings> settings = store.all();
        Map<String, TestViews.Summary> tests = new LinkedHashMap<>();
        for (TestStore.NamedRuns named : store.runNames(limit)) {
            TestSettings set = settings.getOrDefault(named.name(), TestSettings.none(named.name()));
            tests.put(named.name(), new TestViews.Summary(named.name(), named.runs(), named.lastStartedAt(),
                    set.thresholds().size(), set.baselineRunUuid()));
        }
        for (TestSettings set : settings.values()) {
            if (tests.size() >= limit) {
                break;
            }
            if (tests.keySet().stream().noneMatch(listed -> listed.equalsIgnoreCase(set.name()))) {
                long count = store.runCount(set.name());
                if (count == 0) {
                    tests.put(set.name(), new TestViews.Summary(set.name(), 0, null, set.thresholds().size(),
                            set.baselineRunUuid()));
                }
            }
        }
        return new ArrayList<>(tests.values());
    }

    /** The test's latest runs, oldest first, each with its verdict. */
    List<TestViews.HistoryRun> history(String name, int limit) {
        TestViews.Test test = find(name);
        TestSettings settings = store.find(name).orElse(TestSettings.none(name));
        List<TestViews.HistoryRun> history = new ArrayList<>();
        for (String uuid : store.latestRuns(name, limit)) {
            Optional<RunViews.Run> found = runs.find(uuid);
            if (found.isEmpty()) {
                continue;
            }
            RunViews.Run run = found.get();
            VerdictStatus verdict = verdicts.of(run, settings).verdict();
            history.add(new TestViews.HistoryRun(run.uuid(), run.status(), run.startedAt(), run.durationSeconds(),
                    run.requests(), run.p95(), run.errorRate(), run.rps(), verdict, uuid.equals(test.baseline())));
        }
        return history;
    }

    private String baseline(String name, String uuid) {
        if (!UUID.matcher(uuid).matches()) {
            throw new BadRunQueryException("baseline: not a run uuid: '" + (uuid.length() > 60 ? uuid.substring(0, 60) + "…" : uuid) + "'");
        }
        String run = uuid.toLowerCase(Locale.ROOT);
        String status = store.statusOfRunOf(name, run).orElseThrow(() -> new InvalidTestSettingsException(
                "baseline: " + run + " is not a run of this test (no run of that uuid has this name)"));
        if ("RUNNING".equals(status)) {
            throw new InvalidTestSettingsException("baseline: run " + run + " is still running; pin a run that has ended");
        }
        return run;
    }

    private static RunComparison.Tolerances tolerances(TestBody.Tolerances body) {
        RunComparison.Tolerances defaults = RunComparison.Tolerances.DEFAULTS;
        if (body == null) {
            return defaults;
        }
        return new RunComparison.Tolerances(
                body.p95Ratio() == null ? defaults.p95Ratio() : body.p95Ratio(),
                body.p95MinMs() == null ? defaults.p95MinMs() : body.p95MinMs(),
                body.errorRatePoints() == null ? defaults.errorRatePoints() : body.errorRatePoints(),
                body.rpsRatio() == null ? defaults.rpsRatio() : body.rpsRatio());
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new BadTestNameException("a test's name is its runs' name and cannot be blank");
        }
        if (name.length() > MAX_NAME) {
            throw new BadTestNameException("a test's name has at most " + MAX_NAME + " characters, like a run's");
        }
    }
}
