package io.loadstack.api.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What clients send to the user endpoints. */
public final class UserRequests {

    private UserRequests() {
    }

    @Serdeable
    public record CreateUser(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may contain letters, digits and . _ @ - only") String username,
            @NotBlank @Size(min = 8, max = 72) String password,
            @Nullable Role role) {
    }

    @Serdeable
    public record ChangeOwnPassword(@NotBlank String currentPassword,
                                    @NotBlank @Size(min = 8, max = 72) String newPassword) {
    }

    @Serdeable
    public record ResetPassword(@NotBlank @Size(min = 8, max = 72) String password) {
    }
}
