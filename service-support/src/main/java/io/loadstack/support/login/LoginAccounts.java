package io.loadstack.support.login;

import java.util.Optional;

/**
 * Where a service finds the account a login names: the api-service's users, read by every service
 * that has a sign-in page, so one account works everywhere.
 */
public interface LoginAccounts {

    /** An account as login needs it; the role becomes the JWT's one role. */
    record LoginAccount(long id, String username, String passwordHash, String role) {
    }

    Optional<LoginAccount> find(String username);
}
