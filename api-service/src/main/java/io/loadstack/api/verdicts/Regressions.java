package io.loadstack.api.verdicts;

import io.loadstack.api.runs.RunComparison;
import io.loadstack.api.runs.RunViews;

import java.util.ArrayList;
import java.util.List;

/** The regressions a comparison with the baseline found, one per endpoint and metric, each saying by how much. */
final class Regressions {

    private Regressions() {
    }

    static List<VerdictViews.Regression> of(RunViews.Comparison comparison, RunComparison.Tolerances tolerances) {
        List<VerdictViews.Regression> regressions = new ArrayList<>();
        add(comparison.total(), tolerances, regressions);
        comparison.endpoints().forEach(diff -> add(diff, tolerances, regressions));
        return regressions;
    }

    private static void add(RunViews.EndpointDiff diff, RunComparison.Tolerances tolerances,
                            List<VerdictViews.Regression> into) {
        if (!diff.regression()) {
            return;
        }
        String where = diff.method().isEmpty() && diff.name().isEmpty() ? "the whole run" : diff.method() + " " + diff.name();
        for (String metric : diff.regressions()) {
            RunViews.Side a = diff.a();
            RunViews.Side b = diff.b();
            switch (metric) {
                case "p95" -> into.add(new VerdictViews.Regression(diff.method(), diff.name(), metric, a.p95(), b.p95(),
                        where + ": p95 " + number(a.p95()) + " ms → " + number(b.p95()) + " ms (tolerated: +"
                                + number(tolerances.p95Ratio() * 100) + " % and +" + number(tolerances.p95MinMs()) + " ms)"));
                case "errorRate" -> into.add(new VerdictViews.Regression(diff.method(), diff.name(), metric, a.errorRate(),
                        b.errorRate(), where + ": error rate " + number(a.errorRate() * 100) + " % → "
                        + number(b.errorRate() * 100) + " % (tolerated: +" + number(tolerances.errorRatePoints() * 100)
                        + " points)"));
                case "rps" -> into.add(new VerdictViews.Regression(diff.method(), diff.name(), metric, a.rps(), b.rps(),
                        where + ": throughput " + number(a.rps()) + "/s → " + number(b.rps()) + "/s (tolerated: -"
                                + number(tolerances.rpsRatio() * 100) + " %)"));
                default -> into.add(new VerdictViews.Regression(diff.method(), diff.name(), metric, null, null,
                        where + ": " + metric));
            }
        }
    }

    private static String number(Double value) {
        if (value == null) {
            return "?";
        }
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
