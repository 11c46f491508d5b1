package io.loadstack.support.thresholds;

/** The comparison a threshold asks of its metric: the measured value on the left, the limit on the right. */
public enum Operator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("==");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double limit) {
        return switch (this) {
            case LESS -> value < limit;
            case LESS_OR_EQUAL -> value <= limit;
            case GREATER -> value > limit;
            case GREATER_OR_EQUAL -> value >= limit;
            case EQUAL -> value == limit;
        };
    }

    /** Which of two values breaks this comparison more: the worst of a run's records is the one shown. */
    public boolean isWorse(double value, double than) {
        return switch (this) {
            case LESS, LESS_OR_EQUAL -> value > than;
            case GREATER, GREATER_OR_EQUAL -> value < than;
            case EQUAL -> false;
        };
    }
}
