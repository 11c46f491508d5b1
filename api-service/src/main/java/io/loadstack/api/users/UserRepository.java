package io.loadstack.api.users;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface UserRepository extends CrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    List<User> findAllOrderByUsername();

    long countByRole(Role role);

    void updatePasswordHashAndPasswordChangedAt(@io.micronaut.data.annotation.Id Long id, String passwordHash,
                                                java.time.Instant passwordChangedAt);
}
