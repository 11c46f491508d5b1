package io.loadstack.api.users;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never the password hash. {@code mfaEnabled}: a second factor is set up. */
@Serdeable
public record UserResponse(long id, String username, List<String> roles, Instant createdAt, boolean mfaEnabled) {

    static UserResponse of(User user, boolean mfaEnabled) {
        return new UserResponse(user.id(), user.username(), List.of(user.role().name()), user.createdAt(), mfaEnabled);
    }
}
