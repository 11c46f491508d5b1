package io.loadstack.support.mfa;

import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The step between a right password and the second factor: a random {@code mfa_token} handed to the client, its
 * SHA-256 in {@code mfa_challenges}, so any replica can finish the sign-in another began. A token lives
 * {@code loadstack.mfa.challenge-lifetime}, takes {@code attempts-per-challenge} wrong codes, and works once.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class MfaChallenges {

    /** What the token lets its holder do: give a code, or enroll first because the policy requires a factor. */
    public enum Purpose { SIGN_IN, ENROLL }

    public record Challenge(String tokenHash, long userId, Purpose purpose) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(MfaChallenges.class);

    private final DataSource pool;
    private final Duration lifetime;
    private final int attempts;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    public MfaChallenges(DataSource dataSource, DataSourceResolver resolver, MfaSettings settings) {
        this.pool = resolver.resolve(dataSource);
        this.lifetime = settings.challengeLifetime();
        this.attempts = settings.attemptsPerChallenge();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** @return the token for the client; only its hash is stored */
    public String issue(long userId, Purpose purpose) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "lsm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = now();
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO mfa_challenges (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, hash(token));
            insert.setLong(2, userId);
            insert.setString(3, purpose.name());
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, Timestamp.from(now.plus(lifetime)));
            insert.executeUpdate();
            return token;
        } catch (SQLException e) {
            throw new IllegalStateException("storing a sign-in step failed", e);
        }
    }

    /**
     * @throws MfaChallengeInvalidException when the token is unknown, expired, used, worn out by wrong codes, or
     *                                      for the other purpose
     */
    public Challenge open(String token, Purpose purpose) {
        String tokenHash = hash(token);
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT user_id, purpose FROM mfa_challenges WHERE token_hash = ? AND used_at IS NULL"
                             + " AND expires_at > ? AND failed_attempts < ?")) {
            select.setString(1, tokenHash);
            select.setTimestamp(2, Timestamp.from(now()));
            select.setInt(3, attempts);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || !purpose.name().equals(row.getString("purpose"))) {
                    throw new MfaChallengeInvalidException();
                }
                return new Challenge(tokenHash, row.getLong("user_id"), purpose);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a sign-in step failed", e);
        }
    }

    public void failed(Challenge challenge) {
        try (Connection connection = pool.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1 WHERE token_hash = ?")) {
            update.setString(1, challenge.tokenHash());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("counting a wrong code of a sign-in step failed", e);
        }
    }

    /** @throws MfaChallengeInvalidException when another request used the token first, or it expired meanwhile */
    public void use(Challenge challenge) {
        Timestamp now = Timestamp.from(now());
        try (Connection connection = pool.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE mfa_challenges SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
            update.setTimestamp(1, now);
            update.setString(2, challenge.tokenHash());
            update.setTimestamp(3, now);
            if (update.executeUpdate() != 1) {
                throw new MfaChallengeInvalidException();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("using a sign-in step failed", e);
        }
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void forgetExpired() {
        try (Connection connection = pool.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM mfa_challenges WHERE expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now().minus(Duration.ofHours(1))));
            delete.executeUpdate();
        } catch (SQLException e) {
            // The table may not exist yet while the api-service migrates; the next run tries again.
            LOG.warn("removing expired sign-in steps failed", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
