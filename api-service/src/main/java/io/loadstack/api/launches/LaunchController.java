package io.loadstack.api.launches;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import java.util.LinkedHashMap;
import java.util.Map;
import io.loadstack.api.users.UserAccounts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Launches: every signed-in user may launch and read every launch (a team tool, as plans and runs are); the
 * user who launched one and admins may stop it or run it again. See api-service/README.md, "Launches".
 */
@Controller("/api/launches")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LaunchController {

    static final int MAX_PAGE = 100_000;
    static final int MAX_SIZE = 100;
    private static final int DEFAULT_SIZE = 20;

    private final Launches launches;
    private final UserAccounts accounts;
    private final AuditTrail audit;

    public LaunchController(Launches launches, UserAccounts accounts, AuditTrail audit) {
        this.launches = launches;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Post
    public HttpResponse<LaunchViews.Created> launch(@Valid @Body LaunchBody body, Authentication authentication) {
        LaunchViews.Created created = launches.create(body.request(), body.generator(), accounts.signedIn(authentication));
        recordStart(authentication, created, null);
        return HttpResponse.created(created);
    }

    @Get
    public LaunchViews.Page list(@QueryValue @Nullable @Min(0) @Max(MAX_PAGE) Integer page,
                                 @QueryValue @Nullable @Min(1) @Max(MAX_SIZE) Integer size) {
        return launches.list(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    @Get("/{id}")
    public LaunchViews.Detail show(@PathVariable long id) {
        return launches.find(id);
    }

    @Post("/{id}/stop")
    public HttpResponse<Void> stop(@PathVariable long id, Authentication authentication) {
        launches.stop(id, accounts.signedIn(authentication));
        audit.record(authentication.getName(), AuditAction.LAUNCH_STOPPED, Map.of("launch", id));
        return HttpResponse.accepted();
    }

    @Post("/{id}/rerun")
    public HttpResponse<LaunchViews.Created> rerun(@PathVariable long id, Authentication authentication) {
        LaunchViews.Created created = launches.rerun(id, accounts.signedIn(authentication));
        recordStart(authentication, created, id);
        return HttpResponse.created(created);
    }

    /** Who launched which plan version against which target, on how many agents. */
    private void recordStart(Authentication authentication, LaunchViews.Created created, @Nullable Long rerunOf) {
        LaunchViews.Detail launch = launches.find(created.id());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("launch", launch.id());
        detail.put("plan", launch.planId());
        detail.put("planName", launch.planName());
        detail.put("version", launch.version());
        detail.put("targetHost", launch.targetHost());
        detail.put("agents", launch.agents().size());
        detail.put("users", launch.users());
        if (launch.provision() != null) {
            detail.put("provision", launch.provision());
        }
        if (rerunOf != null) {
            detail.put("rerunOf", rerunOf);
        }
        audit.record(authentication.getName(), AuditAction.LAUNCH_STARTED, detail);
    }
}
