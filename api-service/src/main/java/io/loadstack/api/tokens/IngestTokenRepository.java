package io.loadstack.api.tokens;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface IngestTokenRepository extends CrudRepository<IngestToken, Long> {

    List<IngestToken> findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(long userId);

    Optional<IngestToken> findByIdAndUserId(Long id, long userId);

    void updateRevokedAt(@Id Long id, Instant revokedAt);
}
