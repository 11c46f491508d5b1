package io.loadstack.api.users;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

@MappedEntity("users")
public record User(@Id @GeneratedValue @Nullable Long id,
                   String username,
                   String passwordHash,
                   Role role,
                   Instant createdAt,
                   Instant passwordChangedAt) {

    public User withPasswordHash(String newHash, Instant changedAt) {
        return new User(id, username, newHash, role, createdAt, changedAt);
    }
}
