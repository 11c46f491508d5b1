package io.loadstack.dashboard.history;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface EventRepository extends CrudRepository<HealthEvent, Long> {

    /** Newest first; the id breaks ties between events of one poll. */
    @Query(value = "SELECT * FROM health_events ORDER BY occurred_at DESC, id DESC LIMIT :limit")
    List<HealthEvent> newest(int limit);

    long countByTargetAndKind(String target, String kind);

    @Query(value = "DELETE FROM health_events WHERE occurred_at < :cutoff LIMIT 10000")
    int deleteOlderThan(Instant cutoff);
}
