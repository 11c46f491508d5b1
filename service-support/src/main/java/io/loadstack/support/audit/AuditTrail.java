package io.loadstack.support.audit;

import io.loadstack.support.login.ClientAddress;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes one row of the audit log (the api-service's {@code audit_log} table; docs/security.md says what is
 * recorded). Every service that signs people in writes here, so a sign-in on the health dashboard is recorded
 * like one on the api-service.
 *
 * <p>A row is written after the action it records has happened, on its own connection: a failed audit write is
 * logged with its stack trace and does not undo the action. The address is the current HTTP request's (nginx's
 * X-Real-IP), so callers name only who did what.
 *
 * <p>The detail never holds a secret: keys that name one are refused here, so a careless caller fails its tests
 * instead of leaking a password into the log.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "token", "code", "hash", "key");
    private static final int MAX_ACTOR = 128;
    private static final int MAX_DETAIL = 8_000;

    private final DataSource pool;
    private final JsonMapper json;
    private final Clock clock;

    public AuditTrail(DataSource dataSource, DataSourceResolver resolver, JsonMapper json) {
        this(dataSource, resolver, json, Clock.systemUTC());
    }

    AuditTrail(DataSource dataSource, DataSourceResolver resolver, JsonMapper json, Clock clock) {
        // Outside the caller's transaction: the row is written whether or not the caller's transaction is open.
        this.pool = resolver.resolve(dataSource);
        this.json = json;
        this.clock = clock;
    }

    /** Records that {@code actor} did {@code action}, from the current request's address. */
    public void record(String actor, AuditAction action, Map<String, ?> detail) {
        String address = ServerRequestContext.currentRequest().map(ClientAddress::of).orElse(null);
        record(actor, address, action, detail);
    }

    /** Records that {@code actor} did {@code action} from {@code address} (null when no client was involved). */
    public void record(String actor, String address, AuditAction action, Map<String, ?> detail) {
        refuseSecretKeys(detail);
        String detailJson;
        try {
            detailJson = json.writeValueAsString(new TreeMap<>(detail));
        } catch (IOException e) {
            throw new IllegalArgumentException("an audit detail must be JSON: " + detail.keySet(), e);
        }
        if (detailJson.length() > MAX_DETAIL) {
            detailJson = json(Map.of("truncated", true, "keys", String.join(",", new TreeMap<>(detail).keySet())));
        }
        String who = actor == null || actor.isBlank() ? "-" : actor;
        if (who.length() > MAX_ACTOR) {
            who = who.substring(0, MAX_ACTOR);
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO audit_log (at, actor, address, action, detail) VALUES (?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(at));
            insert.setString(2, who);
            insert.setString(3, address == null ? null : address.length() > 64 ? address.substring(0, 64) : address);
            insert.setString(4, action.name());
            insert.setString(5, detailJson);
            insert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.error("writing the audit row {} by {} failed", action, who, e);
        }
    }

    /** @throws IllegalArgumentException for a key that names a secret: the caller's bug, found by its tests */
    static void refuseSecretKeys(Map<String, ?> detail) {
        for (String key : detail.keySet()) {
            String lower = key.toLowerCase(Locale.ROOT);
            for (String word : SECRET_WORDS) {
                if (lower.contains(word)) {
                    throw new IllegalArgumentException("an audit detail may not hold a secret; key: " + key);
                }
            }
        }
    }

    private String json(Map<String, ?> value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
