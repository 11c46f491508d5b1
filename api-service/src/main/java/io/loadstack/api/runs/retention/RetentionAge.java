package io.loadstack.api.runs.retention;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How old a finished run may get before retention deletes it: {@code 180d}, {@code 12h} or {@code 30m}, as
 * written in {@code LOADSTACK_RUN_RETENTION} (and said again in the log).
 */
public record RetentionAge(Duration duration, String text) {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,5})([dhm])");

    /**
     * @return empty for a setting that is absent or blank: every run is kept
     * @throws IllegalArgumentException saying what to write instead
     */
    public static Optional<RetentionAge> parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        String text = setting.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + shorten(setting) + "' is not an age: write a whole number (up to 99999) and d"
                    + " (days), h (hours) or m (minutes), e.g. 180d; leave it unset to keep every run");
        }
        long amount = Long.parseLong(m.group(1));
        if (amount == 0) {
            throw new IllegalArgumentException("'" + setting + "' would delete every run as soon as it ends: write a"
                    + " positive age, e.g. 180d; leave it unset to keep every run");
        }
        Duration duration = switch (m.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
        return Optional.of(new RetentionAge(duration, text));
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    @Override
    public String toString() {
        return text;
    }
}
