package io.loadstack.consumer.auth;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Turns a valid ingest token into an authentication with the role INGEST and the owner's user id; the
 * ingestion endpoints require that role. The database look-up runs off the event loop.
 */
@Singleton
public class IngestTokenAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    public static final String ROLE = "INGEST";
    public static final String USER_ID = "uid";

    private final IngestTokens tokens;
    private final ExecutorService blocking;

    public IngestTokenAuthenticationFetcher(IngestTokens tokens, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tokens = tokens;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> token = IngestTokenExtractor.find(request);
        if (token.isEmpty()) {
            return Publishers.empty();
        }
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> authenticate(token.get()), blocking));
    }

    private Authentication authenticate(String token) {
        try {
            return tokens.check(token)
                    .map(owner -> Authentication.build("ingest-token-" + owner.tokenId(), List.of(ROLE),
                            Map.of(USER_ID, owner.userId(), "tokenId", owner.tokenId())))
                    .orElse(null);
        } catch (SQLException e) {
            throw new IngestTokensUnavailableException("the ingest token cannot be checked: MySQL is unreachable", e);
        }
    }
}
