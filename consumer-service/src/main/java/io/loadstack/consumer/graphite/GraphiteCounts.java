package io.loadstack.consumer.graphite;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the Graphite listener took and refused, on /prometheus as {@code loadstack_graphite_lines_total{outcome}},
 * {@code loadstack_graphite_connections_total{outcome}} and {@code loadstack_graphite_flushes_total{outcome}}.
 * Refused lines are also logged, at most once a minute, so that a user whose token is wrong finds out.
 */
@Singleton
public class GraphiteCounts {

    private static final Logger LOG = LoggerFactory.getLogger(GraphiteCounts.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final AtomicReference<Instant> lastLogged = new AtomicReference<>(Instant.EPOCH);

    public GraphiteCounts(MeterRegistry registry) {
        this.registry = registry;
    }

    /** outcome: accepted, no_token, unknown_token, unparsable, unmapped, absurd, overflow */
    void line(String outcome) {
        lines(outcome, 1);
    }

    void lines(String outcome, long count) {
        registry.counter("loadstack.graphite.lines", "outcome", outcome).increment(count);
        if (!outcome.equals("accepted")) {
            Instant now = Instant.now();
            Instant last = lastLogged.get();
            if (last.plus(LOG_EVERY).isBefore(now) && lastLogged.compareAndSet(last, now)) {
                LOG.warn("Graphite line refused ({}); counts by reason on /prometheus, loadstack_graphite_lines_total", outcome);
            }
        }
    }

    /** outcome: opened, refused (too many), line_too_long, idle */
    void connection(String outcome) {
        registry.counter("loadstack.graphite.connections", "outcome", outcome).increment();
    }

    /** outcome: journaled, dropped (queue full), failed (journal or token check refused) */
    void flush(String outcome) {
        registry.counter("loadstack.graphite.flushes", "outcome", outcome).increment();
    }

    /** For tests and the log: how many lines had this outcome so far. */
    public double lineCount(String outcome) {
        return registry.counter("loadstack.graphite.lines", "outcome", outcome).count();
    }

    public double connectionCount(String outcome) {
        return registry.counter("loadstack.graphite.connections", "outcome", outcome).count();
    }
}
