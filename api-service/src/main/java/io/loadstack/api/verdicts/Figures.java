package io.loadstack.api.verdicts;

import io.loadstack.api.runs.RunViews;
import io.loadstack.support.thresholds.Metric;
import io.micronaut.core.annotation.Nullable;

/**
 * The numbers a threshold can be judged on, from the whole run, one endpoint's totals or one 15-second
 * record. Latencies are null without requests.
 */
record Figures(long requests, long failures, double rps, @Nullable Double p50, @Nullable Double p90,
               @Nullable Double p95, @Nullable Double p99, @Nullable Double mean, @Nullable Double max) {

    static Figures of(RunViews.Run run) {
        return new Figures(run.requests(), run.failures(), run.rps(), run.p50(), run.p90(), run.p95(), run.p99(),
                run.mean(), run.max());
    }

    static Figures of(RunViews.Endpoint endpoint) {
        return new Figures(endpoint.requests(), endpoint.failures(), endpoint.rps(), endpoint.p50(), endpoint.p90(),
                endpoint.p95(), endpoint.p99(), endpoint.mean(), endpoint.max());
    }

    static Figures of(RunViews.IntervalRecord record) {
        return new Figures(record.requests(), record.failures(), record.rps(), record.p50(), record.p90(), record.p95(),
                record.p99(), record.mean(), record.max());
    }

    /** The metric in its base unit (ms, % of requests, per second, a count); null when there is nothing to measure. */
    @Nullable
    Double value(Metric metric) {
        return switch (metric) {
            case P50 -> p50;
            case P90 -> p90;
            case P95 -> p95;
            case P99 -> p99;
            case MEAN -> mean;
            case MAX -> max;
            case ERRORS -> requests == 0 ? null : 100.0 * failures / requests;
            case RPS -> rps;
            case REQUESTS -> (double) requests;
        };
    }
}
