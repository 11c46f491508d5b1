package io.loadstack.consumer.influx;

import java.util.Optional;

/** The unit of a line's timestamp, as the {@code precision} query parameter names it. */
public enum Precision {
    NANOSECONDS(1),
    MICROSECONDS(1_000),
    MILLISECONDS(1_000_000),
    SECONDS(1_000_000_000L),
    MINUTES(60_000_000_000L),
    HOURS(3_600_000_000_000L);

    final long nanos;

    Precision(long nanos) {
        this.nanos = nanos;
    }

    /** v1 accepts "" n ns u us µ ms s m h; v2 accepts ns us ms s (a subset, so one parser serves both). */
    public static Optional<Precision> parse(String text, boolean v2) {
        if (text == null) {
            return Optional.of(NANOSECONDS);
        }
        Precision precision = switch (text) {
            case "", "n", "ns" -> NANOSECONDS;
            case "u", "us", "µ", "µs" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> null;
        };
        if (v2 && (precision == MINUTES || precision == HOURS || text.length() == 1 && precision != SECONDS)) {
            return Optional.empty();
        }
        return Optional.ofNullable(precision);
    }
}
