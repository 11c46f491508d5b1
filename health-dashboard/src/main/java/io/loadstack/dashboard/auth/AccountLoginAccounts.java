package io.loadstack.dashboard.auth;

import io.loadstack.support.login.LoginAccounts;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The api-service's users, read only, as the shared password login needs them. */
@Singleton
public class AccountLoginAccounts implements LoginAccounts {

    private final AccountRepository accounts;

    public AccountLoginAccounts(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<LoginAccount> find(String username) {
        return accounts.findByUsername(username)
                .map(account -> new LoginAccount(account.id(), account.username(), account.passwordHash(), account.role()));
    }
}
