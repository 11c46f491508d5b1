package io.loadstack.api.agents.tokens;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.loadstack.api.users.UserAccounts;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;

import java.util.List;
import java.util.Map;

/** Agent tokens: admins make them for the machines that run tests, and revoke them. */
@Controller("/api/agent-tokens")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentTokenController {

    private final AgentTokens tokens;
    private final UserAccounts accounts;
    private final AuditTrail audit;

    public AgentTokenController(AgentTokens tokens, UserAccounts accounts, AuditTrail audit) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Post
    public HttpResponse<AgentTokenResponses.Created> create(@Valid @Body AgentTokenRequests.Create request,
                                                            Authentication authentication) {
        AgentTokens.Issued issued = tokens.issue(request.name(), accounts.signedIn(authentication));
        AgentToken token = issued.token();
        audit.record(authentication.getName(), AuditAction.AGENT_TOKEN_CREATED,
                Map.of("id", token.id(), "name", token.name(), "prefix", token.tokenPrefix()));
        return HttpResponse.created(new AgentTokenResponses.Created(token.id(), token.name(), issued.secret(),
                token.tokenPrefix(), token.createdAt()));
    }

    @Get
    public List<AgentTokenResponses.Listed> list() {
        return tokens.all().stream().map(AgentTokenResponses.Listed::of).toList();
    }

    @Delete("/{id}")
    public HttpResponse<Void> revoke(@PathVariable long id, Authentication authentication) {
        tokens.revoke(id);
        audit.record(authentication.getName(), AuditAction.AGENT_TOKEN_REVOKED, Map.of("id", id));
        return HttpResponse.noContent();
    }
}
