package io.loadstack.api.plans;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.loadstack.api.agents.auth.AgentPrincipal;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Pattern;

/**
 * Plan files for agents, by content hash: an agent fetches each file of its assignment once and keeps it
 * in a cache by hash, and checks the bytes against the hash it asked for. The body is streamed a chunk at a
 * time, so a 50 MB file is never held in memory whole.
 * <p>
 * For now any agent may fetch any stored content. Once launches exist, an agent will be limited to the
 * files of the plan version it was assigned (see the README's "Agents").
 */
@SecurityRequirement(name = "agentToken")
@Controller("/api/agent/files")
@Secured(AgentPrincipal.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentFileController {

    private final Plans plans;

    public AgentFileController(Plans plans) {
        this.plans = plans;
    }

    @Get("/{sha256}")
    public HttpResponse<StreamedFile> file(
            @PathVariable @Pattern(regexp = "[0-9a-f]{64}", message = "must be a SHA-256: 64 lowercase hex digits") String sha256) {
        Plans.Content content = plans.content(sha256);
        return HttpResponse.ok(new StreamedFile(content.stream(), MediaType.APPLICATION_OCTET_STREAM_TYPE,
                        content.storedAt().toEpochMilli(), content.size()))
                .header("ETag", "\"" + content.sha256() + "\"");
    }
}
