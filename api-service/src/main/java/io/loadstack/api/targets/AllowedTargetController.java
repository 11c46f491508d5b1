package io.loadstack.api.targets;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** The allowed targets: everyone signed in reads them (to know what a launch may hit), admins replace them. */
@Controller("/api/allowed-targets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AllowedTargetController {

    private final AllowedTargets targets;

    AllowedTargetController(AllowedTargets targets) {
        this.targets = targets;
    }

    @Get
    public AllowedTargetViews.Shown show() {
        return targets.current();
    }

    @Put
    @Secured("ADMIN")
    public AllowedTargetViews.Shown replace(@Valid @Body AllowedTargetViews.Replace body, Authentication authentication) {
        return targets.replace(body.targets(), authentication.getName());
    }
}
