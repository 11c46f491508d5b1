package io.loadstack.dashboard.history;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface SampleRepository extends CrudRepository<HealthSample, Long> {

    List<HealthSample> findBySampledAtGreaterThanEqualsOrderBySampledAt(Instant since);

    Optional<HealthSample> findFirstByTargetOrderBySampledAtDesc(String target);

    /** The last time a target answered UP: the card's "last seen" after a restart of the dashboard. */
    Optional<HealthSample> findFirstByTargetAndStatusOrderBySampledAtDesc(String target, String status);

    /** Batched so that a week of 2-second samples is deleted without one huge transaction or lock. */
    @Query(value = "DELETE FROM health_samples WHERE sampled_at < :cutoff LIMIT 10000")
    int deleteOlderThan(Instant cutoff);
}
