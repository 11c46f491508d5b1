package io.loadstack.api.users;

import io.loadstack.support.login.LoginAccounts;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The api-service's users, as the shared password login reads them. */
@Singleton
public class UserLoginAccounts implements LoginAccounts {

    private final UserRepository users;

    public UserLoginAccounts(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<LoginAccount> find(String username) {
        return users.findByUsername(username)
                .map(user -> new LoginAccount(user.id(), user.username(), user.passwordHash(), user.role().name()));
    }
}
