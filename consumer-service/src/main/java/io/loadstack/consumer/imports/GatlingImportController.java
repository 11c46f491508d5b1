package io.loadstack.consumer.imports;

import io.loadstack.consumer.auth.IngestTokenAuthenticationFetcher;
import io.loadstack.consumer.ingest.Ingestion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /apiv0.1/imports/gatling} with an ingest token: the body is a Gatling {@code simulation.log}
 * (binary from 3.13, text before), or its results folder as a zip, sent as is (any Content-Type, e.g.
 * {@code curl --data-binary @results.zip}). 201 with the new run's uuid and counts.
 */
@Controller
@Secured(IngestTokenAuthenticationFetcher.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GatlingImportController {

    private final GatlingImports imports;
    private final Ingestion ingestion;

    public GatlingImportController(GatlingImports imports, Ingestion ingestion) {
        this.imports = imports;
        this.ingestion = ingestion;
    }

    @Serdeable
    public record Imported(String uuid, String name, long requests, long failures) {
    }

    @Post("/apiv0.1/imports/gatling")
    @Consumes(MediaType.ALL)
    public HttpResponse<Imported> importGatling(@Nullable @Body byte[] body, Authentication authentication) {
        GatlingImports.Result result = imports.importRun(body, ingestion.owner(authentication));
        return HttpResponse.created(new Imported(result.uuid(), result.name(), result.requests(), result.failures()));
    }
}
