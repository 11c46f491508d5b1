package io.loadstack.consumer.influx;

import io.micronaut.context.annotation.Value;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Points no mapping used are not dropped silently: they are counted per (owner, database, measurement)
 * with one example line and written to {@code influx_unmapped} every 15 s, where they stay for a day.
 * Memory is bounded whatever arrives: at most {@value #MAX_KEYS} measurements wait for the next write;
 * beyond that they are counted together under {@value #OVERFLOW}. These counts are diagnostics, not run
 * data, so they skip the journal: a crash loses at most the last 15 s of them.
 */
@Singleton
public class UnmappedPoints {

    private static final Logger LOG = LoggerFactory.getLogger(UnmappedPoints.class);
    static final int MAX_KEYS = 10_000;
    static final String OVERFLOW = "(too many measurements)";

    private record Key(long ownerId, String db, String measurement) {
    }

    private static final class Count {
        long points;
        final Instant firstSeen;
        Instant lastSeen;
        final String example;

        Count(Instant now, String example) {
            this.firstSeen = now;
            this.lastSeen = now;
            this.example = example;
        }
    }

    private final DataSource pool;
    private final Duration retention;
    private Map<Key, Count> counts = new HashMap<>();

    public UnmappedPoints(DataSource dataSource, DataSourceResolver resolver,
                          @Value("${loadstack.influx.unmapped-retention:24h}") Duration retention) {
        this.pool = resolver.resolve(dataSource);
        this.retention = retention;
    }

    void record(long ownerId, String db, Point point) {
        Instant now = Instant.now();
        synchronized (this) {
            Key key = new Key(ownerId, cut(db, 100), cut(point.measurement(), 200));
            Count count = counts.get(key);
            if (count == null) {
                if (counts.size() >= MAX_KEYS) {
                    key = new Key(ownerId, key.db(), OVERFLOW);
                    count = counts.get(key);
                }
                if (count == null) {
                    count = new Count(now, example(point));
                    counts.put(key, count);
                }
            }
            count.points++;
            count.lastSeen = now;
        }
    }

    /** Writes the counts gathered since the last call and forgets the expired ones. */
    @Scheduled(fixedDelay = "15s", initialDelay = "15s")
    public void flush() {
        Map<Key, Count> taken;
        synchronized (this) {
            if (counts.isEmpty()) {
                return;
            }
            taken = counts;
            counts = new HashMap<>();
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO influx_unmapped (owner_id, db, measurement, points, first_seen, last_seen, example)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE points = points + VALUES(points), last_seen = VALUES(last_seen)""")) {
                for (Map.Entry<Key, Count> entry : taken.entrySet()) {
                    upsert.setLong(1, entry.getKey().ownerId());
                    upsert.setString(2, entry.getKey().db());
                    upsert.setString(3, entry.getKey().measurement());
                    upsert.setLong(4, entry.getValue().points);
                    upsert.setTimestamp(5, Timestamp.from(entry.getValue().firstSeen));
                    upsert.setTimestamp(6, Timestamp.from(entry.getValue().lastSeen));
                    upsert.setString(7, entry.getValue().example);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            try (PreparedStatement expire = connection.prepareStatement("DELETE FROM influx_unmapped WHERE last_seen < ?")) {
                expire.setTimestamp(1, Timestamp.from(Instant.now().minus(retention)));
                expire.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warn("unmapped InfluxDB points not recorded ({} measurements): {}", taken.size(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debug("unmapped counts not written at shutdown: {}", e.toString());
        }
    }

    private static String example(Point point) {
        StringBuilder line = new StringBuilder(point.measurement());
        for (int i = 0; i < point.tagCount() && line.length() < 900; i++) {
            line.append(',').append(point.tagKey(i)).append('=').append(point.tagValue(i));
        }
        for (int i = 0; i < point.fieldCount() && line.length() < 900; i++) {
            line.append(i == 0 ? ' ' : ',').append(point.fieldKey(i));
        }
        return cut(line.toString(), 1000);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
