package io.loadstack.api.agents.tokens;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface AgentTokenRepository extends CrudRepository<AgentToken, Long> {

    List<AgentToken> findAllOrderByCreatedAtDesc();

    Optional<AgentToken> findByTokenHash(String tokenHash);

    void updateRevokedAt(@Id Long id, Instant revokedAt);

    void updateLastUsedAt(@Id Long id, Instant lastUsedAt);
}
