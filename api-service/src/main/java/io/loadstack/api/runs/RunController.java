package io.loadstack.api.runs;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The runs query API: every signed-in user reads every run (a team tool) and may pin or unpin one (kept by
 * retention); admins may delete runs.
 */
@Controller("/api/runs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunController {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RunQueries runs;
    private final RunExports exports;
    private final RunPins pins;
    private final AuditTrail audit;

    public RunController(RunQueries runs, RunExports exports, RunPins pins, AuditTrail audit) {
        this.runs = runs;
        this.exports = exports;
        this.audit = audit;
        this.pins = pins;
    }

    @Get
    public RunViews.Page list(@QueryValue @Nullable String status, @QueryValue("tag") @Nullable List<String> tags,
                              @QueryValue @Nullable String q, @QueryValue @Nullable String from,
                              @QueryValue @Nullable String to,
                              @QueryValue @Nullable @Min(0) @Max(RunFilter.MAX_PAGE) Integer page,
                              @QueryValue @Nullable @Min(1) @Max(RunFilter.MAX_SIZE) Integer size) {
        return runs.list(RunFilter.parse(status, tags, q, from, to, page, size));
    }

    @Get("/compare")
    public RunViews.Comparison compare(@QueryValue @Nullable String a, @QueryValue @Nullable String b) {
        if (a == null || b == null) {
            throw new BadRunQueryException("send the two runs to compare as ?a=<uuid>&b=<uuid>");
        }
        RunViews.Run runA = run(a);
        RunViews.Run runB = run(b);
        return RunComparison.of(runA, runs.endpoints(runA.uuid(), RunQueries.coveredSeconds(runA)),
                runB, runs.endpoints(runB.uuid(), RunQueries.coveredSeconds(runB)));
    }

    @Get("/{uuid}")
    public RunViews.Run detail(@PathVariable String uuid) {
        return run(uuid);
    }

    @Get("/{uuid}/series")
    public List<RunViews.SeriesPoint> series(@PathVariable String uuid) {
        return runs.series(run(uuid).uuid());
    }

    @Get("/{uuid}/endpoints")
    public List<RunViews.Endpoint> endpoints(@PathVariable String uuid) {
        RunViews.Run run = run(uuid);
        return runs.endpoints(run.uuid(), RunQueries.coveredSeconds(run));
    }

    @Get("/{uuid}/errors")
    public List<RunViews.RunError> errors(@PathVariable String uuid) {
        return runs.errors(run(uuid).uuid());
    }

    @Get(value = "/{uuid}/export.csv", produces = "text/csv")
    public HttpResponse<String> csv(@PathVariable String uuid) {
        RunViews.Run run = run(uuid);
        return HttpResponse.ok(exports.csv(run))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", RunExports.attachment(run, "csv"));
    }

    @Get(value = "/{uuid}/report.html", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> report(@PathVariable String uuid) {
        RunViews.Run run = run(uuid);
        return HttpResponse.ok(exports.html(run))
                .contentType(new MediaType("text/html; charset=utf-8"))
                .header("Content-Disposition", RunExports.attachment(run, "html"));
    }

    /** @return the run, now pinned */
    @Post("/{uuid}/pin")
    public RunViews.Run pin(@PathVariable String uuid, Authentication authentication) {
        String checked = checked(uuid);
        if (!pins.pin(checked, authentication.getName())) {
            throw new NoSuchRunException(checked);
        }
        return run(checked);
    }

    /** @return the run, now not pinned */
    @Delete("/{uuid}/pin")
    public RunViews.Run unpin(@PathVariable String uuid) {
        String checked = checked(uuid);
        if (!pins.unpin(checked)) {
            throw new NoSuchRunException(checked);
        }
        return run(checked);
    }

    @Status(HttpStatus.NO_CONTENT)
    @Delete("/{uuid}")
    @Secured("ADMIN")
    public HttpResponse<Void> delete(@PathVariable String uuid, Authentication authentication) {
        String checked = checked(uuid);
        if (!runs.delete(checked)) {
            throw new NoSuchRunException(uuid);
        }
        audit.record(authentication.getName(), AuditAction.RUN_DELETED, Map.of("run", checked));
        return HttpResponse.noContent();
    }

    private RunViews.Run run(String uuid) {
        String checked = checked(uuid);
        return runs.find(checked).orElseThrow(() -> new NoSuchRunException(checked));
    }

    private static String checked(String uuid) {
        if (uuid == null || !UUID.matcher(uuid).matches()) {
            throw new BadRunQueryException("not a run uuid: '" + shorten(uuid) + "'");
        }
        return uuid.toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
