package io.loadstack.api.agents.auth;

import io.loadstack.api.agents.tokens.AgentTokenSecret;
import io.loadstack.api.agents.tokens.AgentTokens;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * An agent proves who it is with {@code Authorization: Bearer lsa_…}. A live token becomes an
 * {@link AgentPrincipal}; which routes that principal may call is {@link AgentRouteRule}'s business. The JWT
 * reader sees the same header, finds no JWT in it and leaves it to this fetcher. The token is read from
 * MySQL on every request, off the event loop, so a revoked token is refused at once on every replica.
 */
@Singleton
public class AgentTokenAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final String SCHEME = "Bearer ";

    private final AgentTokens tokens;
    private final ExecutorService blocking;

    public AgentTokenAuthenticationFetcher(AgentTokens tokens, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tokens = tokens;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Publishers.empty();
        }
        String secret = header.substring(SCHEME.length()).trim();
        if (!AgentTokenSecret.looksLikeOne(secret)) {
            return Publishers.empty();
        }
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> authenticate(secret), blocking));
    }

    private Authentication authenticate(String secret) {
        try {
            return tokens.live(secret).map(token -> AgentPrincipal.of(token.id())).orElse(null);
        } catch (DataAccessException e) {
            throw new AgentTokensUnavailableException(e);
        }
    }
}
