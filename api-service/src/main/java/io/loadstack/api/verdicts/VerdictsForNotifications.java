package io.loadstack.api.verdicts;

import io.loadstack.api.notifications.RunVerdicts;
import io.loadstack.api.runs.NoSuchRunException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The verdicts as the notifications tell them: a finished run's verdict, what failed, its regressions. */
@Singleton
class VerdictsForNotifications implements RunVerdicts {

    private final Verdicts verdicts;

    VerdictsForNotifications(Verdicts verdicts) {
        this.verdicts = verdicts;
    }

    @Override
    public Optional<RunVerdict> of(String runUuid) {
        VerdictViews.Verdict verdict;
        try {
            verdict = verdicts.of(runUuid);
        } catch (NoSuchRunException deletedSince) {
            return Optional.empty();
        }
        if (verdict.verdict() != VerdictStatus.PASSED && verdict.verdict() != VerdictStatus.FAILED) {
            return Optional.empty();
        }
        return Optional.of(new RunVerdict(verdict.verdict().name(), Verdicts.failedCriteria(verdict),
                verdict.baseline() == null ? null : verdict.baseline().uuid(),
                verdict.regressions().stream().map(VerdictViews.Regression::detail).toList()));
    }

    @Override
    public List<String> liveFailures(String runUuid) {
        return verdicts.liveFailures(runUuid);
    }
}
