package io.loadstack.dashboard.auth;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Read only on purpose (GenericRepository, not CrudRepository): users are the api-service's to change. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface AccountRepository extends GenericRepository<Account, Long> {

    Optional<Account> findByUsername(String username);
}
