package io.loadstack.dashboard.auth;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of the api-service's {@code users} table, read only: the api-service owns users and their
 * migrations; the dashboard only checks passwords against them, so one account works on both.
 */
@MappedEntity("users")
public record Account(@Id Long id, String username, String passwordHash, String role) {
}
