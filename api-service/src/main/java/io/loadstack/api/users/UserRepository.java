package io.loadstack.api.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface UserRepository extends CrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    List<User> findAllOrderByUsername();

    /** Locks the rows of every user with this role until the transaction ends (SELECT … FOR UPDATE). */
    List<User> findByRoleForUpdate(Role role);

    void updatePasswordHashAndPasswordChangedAt(@Id Long id, String passwordHash, Instant passwordChangedAt);
}
