package io.loadstack.api.users;

import io.loadstack.support.login.PasswordHasher;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

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

    /**
     * @throws PasswordTooLongException   when bcrypt could not read the whole password
     * @throws UserAlreadyExistsException when the name is taken
     */
    public User create(String username, String password, Role role) {
        requireBcryptLength(password);
        if (users.findByUsername(username).isPresent()) {
            throw new UserAlreadyExistsException(username);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            return users.save(new User(null, username, hasher.hash(password), role, now, now));
        } catch (DataAccessException e) {
            // Two requests creating the same name at once: the unique key decides, the loser is told so.
            throw new UserAlreadyExistsException(username);
        }
    }

    public Optional<User> find(String username) {
        return users.findByUsername(username);
    }

    /** @throws SignedInUserGoneException when the token's user was removed after it was issued */
    public User signedIn(Authentication authentication) {
        return users.findByUsername(authentication.getName()).orElseThrow(SignedInUserGoneException::new);
    }

    public List<User> all() {
        return users.findAllOrderByUsername();
    }

    public boolean anyExists() {
        return users.count() > 0;
    }

    /**
     * Removes a user, unless it is the acting user or the last admin. Two admins removing each other at the
     * same moment would both see another admin left; the admins' rows stay locked from the count to the
     * delete, so the second removal counts again after the first and is refused.
     */
    @Transactional
    public void remove(String username, String actingUser) {
        User user = users.findByUsername(username).orElseThrow(() -> new NoSuchUserException(username));
        if (user.username().equals(actingUser)) {
            throw new SelfRemovalException();
        }
        if (user.role() == Role.ADMIN) {
            List<User> admins = users.findByRoleForUpdate(Role.ADMIN);
            if (admins.stream().noneMatch(admin -> admin.id().equals(user.id()))) {
                throw new NoSuchUserException(username);
            }
            if (admins.size() <= 1) {
                throw new LastAdminException();
            }
        }
        users.deleteById(user.id());
    }

    /**
     * @throws WrongCurrentPasswordException when {@code currentPassword} is not the user's
     * @throws PasswordTooLongException      when bcrypt could not read the whole new password
     */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        User user = users.findByUsername(username).orElseThrow(() -> new NoSuchUserException(username));
        if (!hasher.matches(currentPassword, user.passwordHash())) {
            throw new WrongCurrentPasswordException();
        }
        setPassword(user, newPassword);
    }

    public void resetPassword(String username, String newPassword) {
        User user = users.findByUsername(username).orElseThrow(() -> new NoSuchUserException(username));
        setPassword(user, newPassword);
    }

    private void setPassword(User user, String newPassword) {
        requireBcryptLength(newPassword);
        users.updatePasswordHashAndPasswordChangedAt(user.id(), hasher.hash(newPassword),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static void requireBcryptLength(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw new PasswordTooLongException();
        }
    }
}
