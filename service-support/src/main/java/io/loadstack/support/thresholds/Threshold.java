package io.loadstack.support.thresholds;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * One parsed threshold: {@code metric operator limit}, over the whole run or, with {@code method} and
 * {@code name}, over one endpoint. {@code limit} is in the metric's base unit ({@link Metric}), whatever unit
 * the expression used. {@code expression} is the text as written, which is how users recognise it.
 */
public record Threshold(String expression, @Nullable String method, @Nullable String name, Metric metric,
                        Operator operator, double limit) {

    public boolean isPerEndpoint() {
        return method != null;
    }

    /** {@code GET /cart}, or empty for the whole run. */
    public Optional<String> endpoint() {
        return isPerEndpoint() ? Optional.of(method + " " + name) : Optional.empty();
    }

    public boolean holds(double value) {
        return operator.holds(value, limit);
    }
}
