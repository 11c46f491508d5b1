package io.loadstack.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The audit log, for admins: newest first, filtered by actor, action and time, paged. */
@Controller("/api/audit")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    private final AuditLog log;

    public AuditController(AuditLog log) {
        this.log = log;
    }

    @Get
    public AuditViews.Page list(@QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                                @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                @QueryValue @Nullable @Min(0) @Max(AuditFilter.MAX_PAGE) Integer page,
                                @QueryValue @Nullable @Min(1) @Max(AuditFilter.MAX_SIZE) Integer size) {
        return log.find(AuditFilter.parse(actor, action, from, to, page, size));
    }
}
