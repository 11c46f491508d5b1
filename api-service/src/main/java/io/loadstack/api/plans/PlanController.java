package io.loadstack.api.plans;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import java.util.Map;
import io.loadstack.api.users.Role;
import io.loadstack.api.users.User;
import io.loadstack.api.users.UserAccounts;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/**
 * Test plans: every signed-in user uploads, reads and launches them (a team tool); a plan's owner and admins
 * delete it. Plans are code that agents run, never Loadstack's servers: see the README's "Plans".
 */
@Controller("/api/plans")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {

    private final Plans plans;
    private final PlanUploadReader reader;
    private final UserAccounts accounts;
    private final AuditTrail audit;

    public PlanController(Plans plans, PlanUploadReader reader, UserAccounts accounts, AuditTrail audit) {
        this.plans = plans;
        this.reader = reader;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<PlanResponses.Summary> upload(@Body MultipartBody body, Authentication authentication) {
        User user = accounts.signedIn(authentication);
        try (PlanUpload upload = reader.read(body)) {
            PlanResponses.Summary uploaded = PlanResponses.Summary.latest(plans.upload(upload, user.username()));
            recordUpload(user, uploaded);
            return HttpResponse.created(uploaded);
        }
    }

    @Get
    public List<PlanResponses.Summary> list() {
        return plans.all().stream().map(PlanResponses.Summary::latest).toList();
    }

    @Get("/{id}")
    public PlanResponses.Detail show(@PathVariable long id) {
        return PlanResponses.Detail.of(plans.find(id));
    }

    @Post(value = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<PlanResponses.Summary> uploadVersion(@PathVariable long id, @Body MultipartBody body, Authentication authentication) {
        User user = accounts.signedIn(authentication);
        try (PlanUpload upload = reader.read(body)) {
            PlanResponses.Summary uploaded = PlanResponses.Summary.latest(plans.uploadVersion(id, upload, user.username()));
            recordUpload(user, uploaded);
            return HttpResponse.created(uploaded);
        }
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable long id, Authentication authentication) {
        User user = accounts.signedIn(authentication);
        plans.delete(id, user.username(), user.role() == Role.ADMIN);
        audit.record(user.username(), AuditAction.PLAN_DELETED, Map.of("plan", id));
        return HttpResponse.noContent();
    }

    private void recordUpload(User user, PlanResponses.Summary uploaded) {
        audit.record(user.username(), AuditAction.PLAN_UPLOADED, Map.of("plan", uploaded.id(), "name", uploaded.name(),
                "generator", uploaded.generator(), "version", uploaded.version(), "files", uploaded.files().size()));
    }

    /** A file's bytes as uploaded; the ETag is its SHA-256, for a client to verify what it got. */
    @Get("/{id}/versions/{version}/files/{name}")
    public HttpResponse<StreamedFile> file(@PathVariable long id, @PathVariable int version, @PathVariable String name) {
        Plans.FileContent file = plans.file(id, version, name);
        return HttpResponse.ok(new StreamedFile(file.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE,
                        file.uploadedAt().toEpochMilli(), file.file().size())
                        .attach(file.file().name()))
                .header("ETag", "\"" + file.file().sha256() + "\"");
    }
}
