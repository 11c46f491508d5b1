package io.loadstack.api.verdicts;

import io.loadstack.api.runs.RunViews;
import io.loadstack.support.thresholds.Metric;
import io.loadstack.support.thresholds.Threshold;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges thresholds on a run's figures. At the end, on the whole run's exact totals (or one endpoint's). While
 * it runs, on each 15-second record: a record that breaks a latency or error threshold fails it for good
 * (the worst record is shown). Throughput thresholds ({@code rps}, {@code requests}) wait for the end: a
 * record in the ramp-up or the last, partial one would break any lower bound.
 */
final class ThresholdJudge {

    private ThresholdJudge() {
    }

    /** The whole run's verdict on one threshold; {@code endpoints} by {@code "METHOD name"}. */
    static VerdictViews.Criterion atEnd(JudgedThreshold judged, Figures run, Map<String, Figures> endpoints) {
        Threshold threshold = judged.threshold();
        Figures figures = threshold.isPerEndpoint() ? endpoints.get(threshold.endpoint().orElseThrow()) : run;
        String where = threshold.endpoint().orElse("the whole run");
        if (figures == null) {
            return criterion(judged, null, false, "no requests to " + threshold.endpoint().orElseThrow() + " in this run");
        }
        Double value = figures.value(threshold.metric());
        if (value == null) {
            return criterion(judged, null, false, "no requests to measure " + threshold.metric().wireName() + " on in " + where);
        }
        boolean passed = threshold.holds(value);
        return criterion(judged, value, passed, where + ": " + shown(value, threshold.metric())
                + (passed ? "" : ", which breaks " + threshold.operator().symbol() + " " + shown(threshold.limit(), threshold.metric())));
    }

    /** Follows a running run's records, one at a time, for every threshold that a record can judge. */
    static final class Records {
        private final List<JudgedThreshold> thresholds;
        private final Double[] worst;
        private final RunViews.IntervalRecord[] worstRecord;
        private final boolean[] broken;

        Records(List<JudgedThreshold> thresholds) {
            this.thresholds = thresholds;
            this.worst = new Double[thresholds.size()];
            this.worstRecord = new RunViews.IntervalRecord[thresholds.size()];
            this.broken = new boolean[thresholds.size()];
        }

        void add(RunViews.IntervalRecord record) {
            if (record.requests() == 0) {
                return;
            }
            boolean wholeRun = record.method().isEmpty() && record.name().isEmpty();
            Figures figures = Figures.of(record);
            for (int i = 0; i < thresholds.size(); i++) {
                Threshold threshold = thresholds.get(i).threshold();
                if (!judgedPerRecord(threshold) || !covers(threshold, record, wholeRun)) {
                    continue;
                }
                Double value = figures.value(threshold.metric());
                if (value == null) {
                    continue;
                }
                if (worst[i] == null || threshold.operator().isWorse(value, worst[i])
                        || !broken[i] && !threshold.holds(value)) {
                    worst[i] = value;
                    worstRecord[i] = record;
                }
                broken[i] |= !threshold.holds(value);
            }
        }

        /** Each threshold as the records so far judge it; throughput ones show the run's figure so far, undecided. */
        List<VerdictViews.Criterion> criteria(Figures runSoFar, Map<String, Figures> endpointsSoFar) {
            List<VerdictViews.Criterion> criteria = new ArrayList<>(thresholds.size());
            for (int i = 0; i < thresholds.size(); i++) {
                JudgedThreshold judged = thresholds.get(i);
                Threshold threshold = judged.threshold();
                if (!judgedPerRecord(threshold)) {
                    Figures figures = threshold.isPerEndpoint() ? endpointsSoFar.get(threshold.endpoint().orElseThrow()) : runSoFar;
                    Double value = figures == null ? null : figures.value(threshold.metric());
                    criteria.add(criterion(judged, value, null, "judged on the whole run at its end"
                            + (value == null ? "" : "; so far " + shown(value, threshold.metric()))));
                } else if (worst[i] == null) {
                    criteria.add(criterion(judged, null, null, "no 15-second record with requests"
                            + threshold.endpoint().map(e -> " to " + e).orElse("") + " yet"));
                } else {
                    RunViews.IntervalRecord record = worstRecord[i];
                    String which = "15-second record " + record.seq() + " (from " + record.start() + ")";
                    criteria.add(criterion(judged, worst[i], broken[i] ? false : null, broken[i]
                            ? which + ": " + shown(worst[i], threshold.metric()) + ", which breaks "
                              + threshold.operator().symbol() + " " + shown(threshold.limit(), threshold.metric())
                            : "worst so far, " + which + ": " + shown(worst[i], threshold.metric())));
                }
            }
            return criteria;
        }

        private static boolean covers(Threshold threshold, RunViews.IntervalRecord record, boolean wholeRun) {
            if (!threshold.isPerEndpoint()) {
                return wholeRun;
            }
            return threshold.method().equals(record.method()) && threshold.name().equals(record.name());
        }
    }

    static boolean judgedPerRecord(Threshold threshold) {
        return threshold.metric().kind() != Metric.Kind.THROUGHPUT;
    }

    private static VerdictViews.Criterion criterion(JudgedThreshold judged, Double value, Boolean passed, String detail) {
        Metric metric = judged.threshold().metric();
        return new VerdictViews.Criterion(judged.threshold().expression(), judged.source(), value == null ? null : rounded(value),
                metric.unit(), passed, detail);
    }

    /** A value with its unit, as people write it: {@code 412.5 ms}, {@code 1.2 %}, {@code 98.3/s}. */
    static String shown(double value, Metric metric) {
        String number = BigDecimal.valueOf(rounded(value)).stripTrailingZeros().toPlainString();
        String unit = metric.unit();
        return unit.isEmpty() ? number : unit.startsWith("/") ? number + unit : number + " " + unit;
    }

    private static double rounded(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
