package io.loadstack.api.runs;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The list's query parameters, checked and turned into a parameterised WHERE clause. Every value a client
 * sends ends up as a bind parameter, never in the SQL text.
 */
record RunFilter(Set<String> statuses, List<Tag> tags, @Nullable String text, @Nullable Instant from,
                 @Nullable Instant to, int page, int size) {

    static final int DEFAULT_SIZE = 25;
    static final int MAX_SIZE = 200;
    static final int MAX_PAGE = 1_000_000;
    static final Set<String> STATUSES = Set.of("RUNNING", "COMPLETED", "ABANDONED");

    record Tag(String key, String value) {
    }

    /**
     * @param page the page, from 0; checked against {@link #MAX_PAGE} by the controller's validation
     * @param size runs a page, 1 to {@link #MAX_SIZE}, checked there too
     * @throws BadRunQueryException with a message that says what to send instead
     */
    static RunFilter parse(@Nullable String status, @Nullable List<String> tag, @Nullable String q,
                           @Nullable String from, @Nullable String to, @Nullable Integer page, @Nullable Integer size) {
        Set<String> statuses = new LinkedHashSet<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                String upper = s.strip().toUpperCase(Locale.ROOT);
                if (!STATUSES.contains(upper)) {
                    throw new BadRunQueryException("status must be RUNNING, COMPLETED or ABANDONED (comma-separated for several), not '" + s.strip() + "'");
                }
                statuses.add(upper);
            }
        }
        List<Tag> tags = new ArrayList<>();
        if (tag != null) {
            for (String t : tag) {
                if (t == null || t.isBlank()) {
                    continue;
                }
                // Values may hold colons themselves (targetHost:http://x): split at the first one only.
                int colon = t.indexOf(':');
                if (colon <= 0) {
                    throw new BadRunQueryException("tag must be key:value, not '" + t + "'");
                }
                String key = t.substring(0, colon).strip();
                String value = t.substring(colon + 1).strip();
                if (key.length() > 100 || value.length() > 255) {
                    throw new BadRunQueryException("tag key or value too long");
                }
                tags.add(new Tag(key, value));
            }
        }
        if (tags.size() > 10) {
            throw new BadRunQueryException("at most 10 tag filters");
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 200) {
            throw new BadRunQueryException("q is at most 200 characters");
        }
        Instant fromTime = time("from", from, false);
        Instant toTime = time("to", to, true);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw new BadRunQueryException("to is before from");
        }
        return new RunFilter(statuses, tags, text, fromTime, toTime, page == null ? 0 : page,
                size == null ? DEFAULT_SIZE : size);
    }

    /** An ISO instant (2026-11-23T10:00:00Z), offset date-time, or a date (a whole UTC day; to= includes it). */
    private static Instant time(String name, @Nullable String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            LocalDate day = LocalDate.parse(v);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            throw new BadRunQueryException(name + " must be an ISO time such as 2026-11-23T10:00:00Z or a date such as 2026-11-23, not '" + v + "'");
        }
    }

    /** The conditions after WHERE, with {@link #parameters()} in the same order. */
    String where() {
        StringBuilder sql = new StringBuilder("1 = 1");
        if (!statuses.isEmpty()) {
            sql.append(" AND r.status IN (").append(String.join(", ", statuses.stream().map(s -> "?").toList())).append(')');
        }
        for (int i = 0; i < tags.size(); i++) {
            sql.append(" AND EXISTS (SELECT 1 FROM run_tags t WHERE t.run_uuid = r.uuid AND t.tag_key = ? AND t.tag_value = ?)");
        }
        if (text != null) {
            sql.append(" AND r.name LIKE ? ESCAPE '!'");
        }
        if (from != null) {
            sql.append(" AND r.started_at >= ?");
        }
        if (to != null) {
            sql.append(" AND r.started_at < ?");
        }
        return sql.toString();
    }

    List<Object> parameters() {
        List<Object> parameters = new ArrayList<>(statuses);
        for (Tag tag : tags) {
            parameters.add(tag.key());
            parameters.add(tag.value());
        }
        if (text != null) {
            parameters.add("%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (from != null) {
            parameters.add(java.sql.Timestamp.from(from));
        }
        if (to != null) {
            parameters.add(java.sql.Timestamp.from(to));
        }
        return parameters;
    }
}
