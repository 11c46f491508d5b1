package io.loadstack.api.agents.registry;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface AgentRepository extends CrudRepository<Agent, Long> {

    /** Locks the agent's row until the transaction ends (SELECT … FOR UPDATE). */
    Optional<Agent> findByNameForUpdate(String name);

    @Query("SELECT * FROM agents ORDER BY region, name")
    List<Agent> listByRegionAndName();
}
