package io.loadstack.dashboard.history;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface EventRepository extends CrudRepository<HealthEvent, Long> {

    List<HealthEvent> findAllOrderByOccurredAtDesc(Pageable page);

    long countByTargetAndKind(String target, String kind);

    @Query(value = "DELETE FROM health_events WHERE occurred_at < :cutoff LIMIT 10000")
    int deleteOlderThan(Instant cutoff);
}
