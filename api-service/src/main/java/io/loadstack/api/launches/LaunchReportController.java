package io.loadstack.api.launches;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.loadstack.api.agents.auth.AgentPrincipal;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;

/** An agent's report on its share of a launch (docs/launches.md, "Report"): agent tokens only. */
@SecurityRequirement(name = "agentToken")
@Controller("/api/agent/launches")
@Secured(AgentPrincipal.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LaunchReportController {

    private final LaunchReports reports;

    LaunchReportController(LaunchReports reports) {
        this.reports = reports;
    }

    @Post("/{launchId}/report")
    public LaunchViews.Reported report(@PathVariable long launchId, @Valid @Body LaunchReport report,
                                       Authentication authentication) {
        long tokenId = AgentPrincipal.tokenId(authentication).orElseThrow();
        return new LaunchViews.Reported(reports.report(launchId, tokenId, report));
    }
}
