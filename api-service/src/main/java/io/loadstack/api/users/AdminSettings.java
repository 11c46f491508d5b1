package io.loadstack.api.users;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The first admin, from {@code LOADSTACK_ADMIN_USERNAME} and {@code LOADSTACK_ADMIN_PASSWORD}: used only
 * while no user exists at all.
 *
 * @param username the admin's name; {@code admin} when not set or blank
 * @param password the admin's password; none (blank) makes the service generate one and log it once
 */
@ConfigurationProperties("loadstack.admin")
public record AdminSettings(@Nullable String username, @Nullable String password) {

    static final String DEFAULT_USERNAME = "admin";

    public AdminSettings {
        username = username == null || username.isBlank() ? DEFAULT_USERNAME : username;
        password = password == null || password.isBlank() ? null : password;
    }

    boolean passwordGiven() {
        return password != null;
    }
}
