package io.loadstack.api.tokens;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.loadstack.api.users.User;
import io.loadstack.api.users.UserAccounts;
import io.loadstack.support.security.IngestTokenHash;
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
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Ingest tokens for load generators: each user manages their own. */
@Controller("/api/tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenController {

    private final IngestTokenRepository tokens;
    private final UserAccounts accounts;
    private final AuditTrail audit;

    public TokenController(IngestTokenRepository tokens, UserAccounts accounts, AuditTrail audit) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Post
    public HttpResponse<TokenResponses.Created> create(@Valid @Body CreateTokenRequest request, Authentication authentication) {
        User owner = owner(authentication);
        String secret = IngestTokenHash.newToken();
        IngestToken saved = tokens.save(new IngestToken(null, owner.id(), request.name().strip(),
                IngestTokenHash.hash(secret), IngestTokenHash.displayPrefix(secret),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null));
        audit.record(owner.username(), AuditAction.INGEST_TOKEN_CREATED,
                Map.of("id", saved.id(), "name", saved.name(), "prefix", saved.tokenPrefix()));
        return HttpResponse.created(new TokenResponses.Created(saved.id(), saved.name(), secret,
                saved.tokenPrefix(), saved.createdAt()));
    }

    @Get
    public List<TokenResponses.Listed> list(Authentication authentication) {
        return tokens.findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(owner(authentication).id()).stream()
                .map(TokenResponses.Listed::of)
                .toList();
    }

    @Delete("/{id}")
    public HttpResponse<Void> revoke(@PathVariable long id, Authentication authentication) {
        IngestToken token = tokens.findByIdAndUserId(id, owner(authentication).id())
                .filter(t -> t.revokedAt() == null)
                .orElseThrow(() -> new NoSuchTokenException(id));
        tokens.updateRevokedAt(token.id(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        audit.record(authentication.getName(), AuditAction.INGEST_TOKEN_REVOKED, Map.of("id", token.id(), "name", token.name()));
        return HttpResponse.noContent();
    }

    private User owner(Authentication authentication) {
        return accounts.signedIn(authentication);
    }
}
