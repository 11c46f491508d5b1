package io.loadstack.consumer.auth;

import io.loadstack.support.security.IngestTokenHash;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks ingest tokens against the api-service's table (by SHA-256), remembering answers for a few
 * seconds: a load generator posts many times a second, and a revoked token must stop working within
 * seconds, not minutes. Unknown tokens are remembered too, so a wrong token cannot hammer MySQL.
 */
@Singleton
public class IngestTokens {

    private static final Logger LOG = LoggerFactory.getLogger(IngestTokens.class);
    private static final int MAX_CACHED = 10_000;
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    private static final Duration STALE_IF_ERROR = Duration.ofHours(6);

    /** Who a valid token belongs to. */
    public record Owner(long userId, long tokenId) {
    }

    private record Cached(Owner owner, Instant until) {
    }

    private final DataSource pool;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    public IngestTokens(DataSource dataSource, DataSourceResolver resolver, IngestTokenSettings settings) {
        this.pool = resolver.resolve(dataSource);
        this.ttl = settings.ingestTokenCache();
    }

    /** @return the owner, empty for an unknown or revoked token; throws SQLException when MySQL is away */
    public Optional<Owner> check(String token) throws SQLException {
        String hash = IngestTokenHash.hash(token);
        Instant now = Instant.now();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.ofNullable(cached.owner());
        }
        Owner owner;
        try {
            owner = lookup(hash);
        } catch (SQLException e) {
            // MySQL away: a token known to be good a while ago stays good, so ingestion keeps going into
            // the journal. Revocation takes effect when MySQL is back.
            if (cached != null && cached.owner() != null && cached.until().plus(STALE_IF_ERROR).isAfter(now)) {
                return Optional.of(cached.owner());
            }
            throw e;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.entrySet().removeIf(e -> e.getValue().until().plus(STALE_IF_ERROR).isBefore(now));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(hash, new Cached(owner, now.plus(ttl)));
        if (owner != null) {
            touch(owner.tokenId(), now);
        }
        return Optional.ofNullable(owner);
    }

    private Owner lookup(String hash) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, user_id FROM ingest_tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
            statement.setString(1, hash);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? new Owner(row.getLong(2), row.getLong(1)) : null;
            }
        }
    }

    /** The token list shows when each token was last used; once a minute is precise enough. */
    private void touch(long tokenId, Instant now) {
        Instant previous = lastUsedWritten.get(tokenId);
        if (previous != null && previous.plus(LAST_USED_GRANULARITY).isAfter(now)) {
            return;
        }
        lastUsedWritten.put(tokenId, now);
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("UPDATE ingest_tokens SET last_used_at = ? WHERE id = ?")) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setLong(2, tokenId);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.debug("cannot record last use of token {}: {}", tokenId, e.getMessage());
        }
    }
}
