package io.loadstack.support.health;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code GET /api/healthcheck}: open to all, polled by Monit, nginx checks and the health dashboard.
 * 503 with status DOWN when the database cannot be reached, so a replica without its database drops out.
 */
@SecurityRequirements // open: no token
@Controller("/api/healthcheck")
@Secured(SecurityRule.IS_ANONYMOUS)
public class HealthcheckController {

    private final DatabaseProbe database;
    private final String service;
    private final String instance;
    private final String version;

    public HealthcheckController(DatabaseProbe database,
                                 @Value("${micronaut.application.name:loadstack}") String service,
                                 InstanceName instance) {
        this.database = database;
        this.service = service;
        this.instance = instance.value();
        this.version = HealthcheckController.class.getPackage().getImplementationVersion();
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<HealthReport> healthcheck() {
        boolean databaseUp = database.isReachable();
        HealthReport report = new HealthReport(databaseUp ? "UP" : "DOWN", service, instance,
                ProcessStats.cpu(), ProcessStats.memory(), ProcessStats.uptimeSeconds(),
                databaseUp ? "UP" : "DOWN", version);
        return HttpResponse.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
    }
}
