package io.loadstack.consumer.influx;

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

    public UnmappedPoints(DataSource dataSource, DataSourceResolver resolver, InfluxSettings settings) {
        this.pool = resolver.resolve(dataSource);
        this.retention = settings.unmappedRetention();
    }

    /** A tally for one write request: k6 sends 9 unmapped points for every 3 it maps. */
    Tally tally(long ownerId, String db) {
        return new Tally(ownerId, db);
    }

    /**
     * One request's unmapped points, counted per measurement without a lock and added to the shared counts
     * once, at the request's end (one lock per request instead of one per point).
     */
    final class Tally {
        private final long ownerId;
        private final String db;
        private final Map<String, Pending> byMeasurement = new HashMap<>();

        private Tally(long ownerId, String db) {
            this.ownerId = ownerId;
            this.db = db;
        }

        void add(Point point) {
            Pending pending = byMeasurement.get(point.measurement());
            if (pending == null) {
                pending = new Pending(example(point));
                byMeasurement.put(point.measurement(), pending);
            }
            pending.points++;
        }

        void commit() {
            if (!byMeasurement.isEmpty()) {
                merge(ownerId, db, byMeasurement);
            }
        }
    }

    private static final class Pending {
        long points;
        final String example;

        Pending(String example) {
            this.example = example;
        }
    }

    private void merge(long ownerId, String db, Map<String, Pending> tally) {
        Instant now = Instant.now();
        String cutDb = cut(db, 100);
        synchronized (this) {
            for (Map.Entry<String, Pending> entry : tally.entrySet()) {
                Key key = new Key(ownerId, cutDb, cut(entry.getKey(), 200));
                Count count = counts.get(key);
                if (count == null) {
                    if (counts.size() >= MAX_KEYS) {
                        key = new Key(ownerId, cutDb, OVERFLOW);
                        count = counts.get(key);
                    }
                    if (count == null) {
                        count = new Count(now, entry.getValue().example);
                        counts.put(key, count);
                    }
                }
                count.points += entry.getValue().points;
                count.lastSeen = now;
            }
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
