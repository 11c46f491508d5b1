package io.loadstack.api.agents.heartbeat;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * An agent's heartbeat, a long-poll: it records the agent as seen, then answers at once when commands wait
 * for it, otherwise as soon as a re-check (about every {@link #RECHECK}) finds some, or after {@code wait}
 * seconds (0 to {@value #MAX_WAIT}), held no longer than {@link AgentSettings#longPollWait()}, which is also
 * the wait when none is asked for.
 */
@SecurityRequirement(name = "agentToken")
@Controller("/api/agent")
@Secured(AgentPrincipal.ROLE)
public class HeartbeatController {

    static final long MAX_WAIT = 30;
    static final Duration RECHECK = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatController.class);

    private final AgentRegistry registry;
    private final AgentTokens tokens;
    private final AgentCommands commands;
    private final TaskScheduler scheduler;
    private final ExecutorService blocking;
    private final Duration maxWait;

    public HeartbeatController(AgentRegistry registry, AgentTokens tokens, AgentCommands commands,
                               @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                               @Named(TaskExecutors.BLOCKING) ExecutorService blocking, AgentSettings settings) {
        this.registry = registry;
        this.tokens = tokens;
        this.commands = commands;
        this.scheduler = scheduler;
        this.blocking = blocking;
        this.maxWait = settings.longPollWait();
    }

    /**
     * The MySQL work runs on a blocking thread and ends (connection back in the pool) before the wait. The
     * wait itself is timers on the shared scheduler, each handing one re-check to a blocking thread: every
     * online agent is always waiting, so a thread or a connection held per waiting agent would cap the number
     * of agents at the pool's size and starve the users' requests.
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
        List<HeldLaunch> held = request.held();
        List<AgentCommand> pending = commands.pendingFor(agent, held);
        Duration hold = wait == null ? maxWait : min(Duration.ofSeconds(wait), maxWait);
        if (!pending.isEmpty() || hold.isZero()) {
            return CompletableFuture.completedFuture(HeartbeatResponse.of(pending, receivedAt));
        }
        CompletableFuture<HeartbeatResponse> answer = new CompletableFuture<>();
        recheckLater(answer, agent, held, receivedAt, receivedAt.plus(hold));
        return answer;
    }

    private void recheckLater(CompletableFuture<HeartbeatResponse> answer, Agent agent, List<HeldLaunch> held,
                              Instant receivedAt, Instant until) {
        Duration left = Duration.between(Instant.now(), until);
        if (left.isNegative() || left.isZero()) {
            answer.complete(HeartbeatResponse.of(List.of(), receivedAt));
            return;
        }
        scheduler.schedule(min(RECHECK, left), () -> blocking.execute(() -> recheck(answer, agent, held, receivedAt, until)));
    }

    private void recheck(CompletableFuture<HeartbeatResponse> answer, Agent agent, List<HeldLaunch> held,
                         Instant receivedAt, Instant until) {
        try {
            List<AgentCommand> pending = Instant.now().isBefore(until) ? commands.pendingFor(agent, held) : List.of();
            if (pending.isEmpty()) {
                recheckLater(answer, agent, held, receivedAt, until);
            } else {
                answer.complete(HeartbeatResponse.of(pending, receivedAt));
            }
        } catch (RuntimeException e) {
            // The agent asks again at once: an empty answer now costs nothing, the commands are level-triggered.
            LOG.error("re-checking the commands for agent {} failed", agent.name(), e);
            answer.complete(HeartbeatResponse.of(List.of(), receivedAt));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
