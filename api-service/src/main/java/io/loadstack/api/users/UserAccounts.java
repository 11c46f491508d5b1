package io.loadstack.api.users;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.loadstack.support.login.PasswordHasher;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Creating, listing, removing users and changing their passwords, with the rules that keep an admin around. */
@Singleton
public class UserAccounts {

    private final UserRepository users;
    private final PasswordHasher hasher;

    public UserAccounts(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    public User create(String username, String password, Role role) {
        requireBcryptLength(password);
        if (users.findByUsername(username).isPresent()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "user '" + username + "' already exists");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            return users.save(new User(null, username, hasher.hash(password), role, now, now));
        } catch (DataAccessException e) {
            // Two requests creating the same name at once: the unique key decides, the loser is told so.
            throw new HttpStatusException(HttpStatus.CONFLICT, "user '" + username + "' already exists");
        }
    }

    public Optional<User> find(String username) {
        return users.findByUsername(username);
    }

    public List<User> all() {
        return users.findAllOrderByUsername();
    }

    public boolean anyExists() {
        return users.count() > 0;
    }

    public void remove(String username, String actingUser) {
        User user = users.findByUsername(username)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no user '" + username + "'"));
        if (user.username().equals(actingUser)) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "you cannot remove yourself");
        }
        if (user.role() == Role.ADMIN && users.countByRole(Role.ADMIN) <= 1) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "the last admin cannot be removed");
        }
        users.deleteById(user.id());
    }

    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        User user = users.findByUsername(username)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no user '" + username + "'"));
        if (!hasher.matches(currentPassword, user.passwordHash())) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "the current password is wrong");
        }
        setPassword(user, newPassword);
    }

    public void resetPassword(String username, String newPassword) {
        User user = users.findByUsername(username)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no user '" + username + "'"));
        setPassword(user, newPassword);
    }

    private void setPassword(User user, String newPassword) {
        requireBcryptLength(newPassword);
        users.updatePasswordHashAndPasswordChangedAt(user.id(), hasher.hash(newPassword),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static void requireBcryptLength(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "password: at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        }
    }
}
