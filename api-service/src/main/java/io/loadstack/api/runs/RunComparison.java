package io.loadstack.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run b measured against run a (the baseline). A change counts as a regression when a user would call it
 * one and noise would not: p95 up by more than 10 % and 5 ms, error rate up by more than 1 percentage
 * point, or throughput down by more than 10 %. A test may set other {@link Tolerances} for its runs.
 */
public final class RunComparison {

    static final double P95_RATIO = 0.10;
    static final double P95_MIN_MS = 5.0;
    static final double ERROR_RATE_POINTS = 0.01;
    static final double RPS_RATIO = 0.10;

    /**
     * How much worse than its baseline a run may be before it regressed: p95 up by more than {@code p95Ratio}
     * (a fraction) and {@code p95MinMs}, the error rate up by more than {@code errorRatePoints} (a fraction of
     * the requests), throughput down by more than {@code rpsRatio} (a fraction).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Tolerances(double p95Ratio, double p95MinMs, double errorRatePoints, double rpsRatio) {
        public static final Tolerances DEFAULTS = new Tolerances(P95_RATIO, P95_MIN_MS, ERROR_RATE_POINTS, RPS_RATIO);
    }

    private RunComparison() {
    }

    static RunViews.Comparison of(RunViews.Run a, List<RunViews.Endpoint> endpointsA,
                                  RunViews.Run b, List<RunViews.Endpoint> endpointsB) {
        return of(a, endpointsA, b, endpointsB, Tolerances.DEFAULTS);
    }

    public static RunViews.Comparison of(RunViews.Run a, List<RunViews.Endpoint> endpointsA,
                                         RunViews.Run b, List<RunViews.Endpoint> endpointsB, Tolerances tolerances) {
        Map<String, RunViews.Endpoint[]> byKey = new LinkedHashMap<>();
        for (RunViews.Endpoint e : endpointsA) {
            byKey.computeIfAbsent(e.method() + ' ' + e.name(), k -> new RunViews.Endpoint[2])[0] = e;
        }
        for (RunViews.Endpoint e : endpointsB) {
            byKey.computeIfAbsent(e.method() + ' ' + e.name(), k -> new RunViews.Endpoint[2])[1] = e;
        }
        List<RunViews.EndpointDiff> diffs = new ArrayList<>();
        for (RunViews.Endpoint[] pair : byKey.values()) {
            RunViews.Endpoint any = pair[0] != null ? pair[0] : pair[1];
            diffs.add(diff(any.method(), any.name(), side(pair[0]), side(pair[1]), tolerances));
        }
        RunViews.EndpointDiff total = diff("", "", side(a), side(b), tolerances);
        return new RunViews.Comparison(a, b, total, diffs);
    }

    private static RunViews.Side side(RunViews.Endpoint e) {
        return e == null ? null : new RunViews.Side(e.requests(), e.failures(), e.errorRate(), e.rps(), e.p50(), e.p95(), e.p99());
    }

    private static RunViews.Side side(RunViews.Run r) {
        return new RunViews.Side(r.requests(), r.failures(), r.errorRate(), r.rps(), r.p50(), r.p95(), r.p99());
    }

    static RunViews.EndpointDiff diff(String method, String name, RunViews.Side a, RunViews.Side b) {
        return diff(method, name, a, b, Tolerances.DEFAULTS);
    }

    static RunViews.EndpointDiff diff(String method, String name, RunViews.Side a, RunViews.Side b, Tolerances tolerances) {
        if (a == null || b == null) {
            return new RunViews.EndpointDiff(method, name, a, b, null, null, null, false, List.of());
        }
        Double deltaP95 = a.p95() == null || b.p95() == null ? null : b.p95() - a.p95();
        double deltaErrorRate = b.errorRate() - a.errorRate();
        double deltaRps = b.rps() - a.rps();
        List<String> regressions = new ArrayList<>();
        if (deltaP95 != null && deltaP95 > tolerances.p95MinMs() && deltaP95 > a.p95() * tolerances.p95Ratio()) {
            regressions.add("p95");
        }
        if (deltaErrorRate > tolerances.errorRatePoints()) {
            regressions.add("errorRate");
        }
        if (a.rps() > 0 && -deltaRps > a.rps() * tolerances.rpsRatio()) {
            regressions.add("rps");
        }
        return new RunViews.EndpointDiff(method, name, a, b, deltaP95, deltaErrorRate, deltaRps,
                !regressions.isEmpty(), regressions);
    }
}
