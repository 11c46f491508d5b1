package io.loadstack.api.launches;

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

    public LaunchController(Launches launches, UserAccounts accounts) {
        this.launches = launches;
        this.accounts = accounts;
    }

    @Post
    public HttpResponse<LaunchViews.Created> launch(@Valid @Body LaunchBody body, Authentication authentication) {
        return HttpResponse.created(launches.create(body.request(), body.generator(), accounts.signedIn(authentication)));
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
        return HttpResponse.accepted();
    }

    @Post("/{id}/rerun")
    public HttpResponse<LaunchViews.Created> rerun(@PathVariable long id, Authentication authentication) {
        return HttpResponse.created(launches.rerun(id, accounts.signedIn(authentication)));
    }
}
