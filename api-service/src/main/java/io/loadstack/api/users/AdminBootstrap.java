package io.loadstack.api.users;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * On a new installation (no user at all) creates the first admin, from LOADSTACK_ADMIN_USERNAME and
 * LOADSTACK_ADMIN_PASSWORD, or with a generated password printed once in the log. Two replicas starting
 * together may both try: the unique username lets one win and the other carry on. A password the account
 * rules refuse stops the start: a system without an admin could not be managed at all.
 */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts accounts;
    private final AdminSettings settings;

    public AdminBootstrap(UserAccounts accounts, AdminSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (accounts.anyExists()) {
            return;
        }
        String username = settings.username();
        String password = settings.passwordGiven() ? settings.password() : generatePassword();
        try {
            accounts.create(username, password, Role.ADMIN);
        } catch (UserAlreadyExistsException createdByAnotherReplica) {
            return;
        } catch (PasswordTooLongException refused) {
            throw new ConfigurationException("LOADSTACK_ADMIN_PASSWORD is refused for the first admin ("
                    + refused.getMessage() + "; bcrypt reads no more): choose a shorter one");
        }
        if (settings.passwordGiven()) {
            LOG.info("created the first admin user '{}' from LOADSTACK_ADMIN_USERNAME/LOADSTACK_ADMIN_PASSWORD", username);
        } else {
            LOG.warn("""

                    ================================================================
                    Loadstack created the first admin user.
                      username: {}
                      password: {}
                    This password is shown only this once. Change it after logging in
                    (PUT /api/user/password), or set LOADSTACK_ADMIN_PASSWORD.
                    ================================================================""", username, password);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
