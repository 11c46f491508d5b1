package io.loadstack.api.agents.heartbeat;

import io.loadstack.api.agents.auth.AgentPrincipal;
import io.loadstack.api.agents.registry.Agent;
import io.loadstack.api.agents.registry.AgentRegistry;
import io.loadstack.api.agents.registry.AgentSettings;
import io.loadstack.api.agents.tokens.AgentTokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An agent's heartbeat, a long-poll: it records the agent as seen, then answers at once when commands wait
 * for it, otherwise after {@code wait} seconds (0 to {@value #MAX_WAIT}), held no longer than
 * {@link AgentSettings#longPollWait()}, which is also the wait when none is asked for.
 */
@Controller("/api/agent")
@Secured(AgentPrincipal.ROLE)
public class HeartbeatController {

    static final long MAX_WAIT = 30;

    private final AgentRegistry registry;
    private final AgentTokens tokens;
    private final AgentCommands commands;
    private final TaskScheduler scheduler;
    private final Duration maxWait;

    public HeartbeatController(AgentRegistry registry, AgentTokens tokens, AgentCommands commands,
                               @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, AgentSettings settings) {
        this.registry = registry;
        this.tokens = tokens;
        this.commands = commands;
        this.scheduler = scheduler;
        this.maxWait = settings.longPollWait();
    }

    /**
     * The MySQL work runs on a blocking thread and ends (connection back in the pool) before the wait. The
     * wait itself is a timer on the shared scheduler completing the future: every online agent is always
     * waiting, so a thread or a connection held per waiting agent would cap the number of agents at the
     * pool's size and starve the users' requests.
     */
    @Post("/heartbeat")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<HeartbeatResponse> heartbeat(@Valid @Body HeartbeatRequest request,
                                                          @Nullable @QueryValue @Min(0) @Max(MAX_WAIT) Integer wait,
                                                          Authentication authentication) {
        Instant receivedAt = Instant.now();
        long tokenId = AgentPrincipal.tokenId(authentication).orElseThrow();
        Agent agent = registry.recordHeartbeat(request.report(), tokenId);
        tokens.markUsed(tokenId);
        List<AgentCommand> pending = commands.pendingFor(agent);
        Duration hold = wait == null ? maxWait : min(Duration.ofSeconds(wait), maxWait);
        if (!pending.isEmpty() || hold.isZero()) {
            return CompletableFuture.completedFuture(HeartbeatResponse.of(pending, receivedAt));
        }
        CompletableFuture<HeartbeatResponse> answer = new CompletableFuture<>();
        scheduler.schedule(hold, () -> answer.complete(HeartbeatResponse.of(List.of(), receivedAt)));
        return answer;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
