package io.loadstack.api.audit;

import io.loadstack.support.audit.AuditAction;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/audit}'s query parameters, checked: actor (exact), actions (comma-separated names of
 * {@link AuditAction}), a time range (ISO-8601 instants, {@code from} inclusive, {@code to} exclusive), page and size.
 * Every value reaches the SQL as a bind parameter.
 */
record AuditFilter(@Nullable String actor, Set<AuditAction> actions, @Nullable Instant from, @Nullable Instant to,
                   int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    static final int MAX_PAGE = 1_000_000;
    private static final int MAX_ACTOR = 128;

    /** @throws BadAuditQueryException saying what to send instead */
    static AuditFilter parse(@Nullable String actor, @Nullable String action, @Nullable String from,
                             @Nullable String to, @Nullable Integer page, @Nullable Integer size) {
        String who = actor == null || actor.isBlank() ? null : actor.strip();
        if (who != null && who.length() > MAX_ACTOR) {
            throw new BadAuditQueryException("actor is at most " + MAX_ACTOR + " characters");
        }
        Set<AuditAction> actions = new LinkedHashSet<>();
        if (action != null && !action.isBlank()) {
            for (String name : action.split(",")) {
                try {
                    actions.add(AuditAction.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadAuditQueryException("action must be one of " + Set.of(AuditAction.values())
                            + " (comma-separated for several), not '" + shorten(name.strip()) + "'");
                }
            }
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new BadAuditQueryException("from must be before to");
        }
        return new AuditFilter(who, actions, start, end, page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    private static Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadAuditQueryException(name + " must be an ISO-8601 time with its offset, e.g."
                    + " 2026-12-01T00:00:00Z, not '" + shorten(value) + "'");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
