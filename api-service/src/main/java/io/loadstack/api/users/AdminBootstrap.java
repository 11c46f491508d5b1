package io.loadstack.api.users;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * On a new installation (no user at all) creates the first admin, from LOADSTACK_ADMIN_USERNAME and
 * LOADSTACK_ADMIN_PASSWORD, or with a generated password printed once in the log. Two replicas starting
 * together may both try: the unique username lets one win and the other carry on.
 */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts accounts;
    private final String username;
    private final String password;

    public AdminBootstrap(UserAccounts accounts,
                          @Value("${loadstack.admin.username:admin}") String username,
                          @Nullable @Value("${loadstack.admin.password:}") String password) {
        this.accounts = accounts;
        this.username = username == null || username.isBlank() ? "admin" : username;
        this.password = password;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (accounts.anyExists()) {
            return;
        }
        boolean generated = password == null || password.isBlank();
        String initialPassword = generated ? generatePassword() : password;
        try {
            accounts.create(username, initialPassword, Role.ADMIN);
        } catch (HttpStatusException alreadyCreatedByAnotherReplica) {
            return;
        }
        if (generated) {
            LOG.warn("""

                    ================================================================
                    Loadstack created the first admin user.
                      username: {}
                      password: {}
                    This password is shown only this once. Change it after logging in
                    (PUT /api/user/password), or set LOADSTACK_ADMIN_PASSWORD.
                    ================================================================""", username, initialPassword);
        } else {
            LOG.info("created the first admin user '{}' from LOADSTACK_ADMIN_USERNAME/LOADSTACK_ADMIN_PASSWORD", username);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
