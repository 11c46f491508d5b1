package io.loadstack.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code GET /api/audit} answers. */
public final class AuditViews {

    private AuditViews() {
    }

    /** One row: {@code detail} is the JSON object the action recorded. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(long id, Instant at, String actor, @Nullable String address, String action,
                        Map<String, Object> detail) {
    }

    /** A page of rows, newest first; {@code total} counts every row the filter matches. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<Entry> items, int page, int size, long total) {
    }
}
