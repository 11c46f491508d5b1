package io.loadstack.api.users;

import io.loadstack.api.ApiServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules that keep an admin around, at the service: through HTTP the last-admin rule is hidden behind the
 * self-removal rule (an admin alone can only try to remove themselves), except when two admins remove each
 * other at the same moment.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserAccountsTest extends ApiServerTest {

    @Inject
    UserAccounts accounts;

    @Test
    void theLastAdminCannotBeRemovedByAnyoneElse() {
        accounts.create("nadia", "nadia-password", Role.USER);
        try {
            assertEquals(1, admins());
            String onlyAdmin = accounts.all().stream().filter(u -> u.role() == Role.ADMIN).findFirst().orElseThrow().username();
            assertThrows(LastAdminException.class, () -> accounts.remove(onlyAdmin, "nadia"));
            assertTrue(accounts.find(onlyAdmin).isPresent());
        } finally {
            accounts.remove("nadia", "someone else");
        }
    }

    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        accounts.create("second", "second-password", Role.ADMIN);
        CompletableFuture<Void> secondRemovedByAdmin;
        CompletableFuture<Void> adminRemovedBySecond;
        ExecutorService twoThreads = Executors.newFixedThreadPool(2);
        try (Connection holder = database.connect()) {
            // Hold the admins' rows so that both removals are under way before either may finish: whatever
            // each one read before it waits, it read while both admins were there.
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeQuery("SELECT id FROM users WHERE role = 'ADMIN' FOR UPDATE").close();
            }
            secondRemovedByAdmin = CompletableFuture.runAsync(() -> accounts.remove("second", "admin"), twoThreads);
            adminRemovedBySecond = CompletableFuture.runAsync(() -> accounts.remove("admin", "second"), twoThreads);
            awaitLockWaits(2);
            holder.commit();
        } finally {
            twoThreads.shutdown();
        }
        List<Throwable> outcomes = Arrays.asList(outcome(secondRemovedByAdmin), outcome(adminRemovedBySecond));
        assertEquals(1, admins(), "one admin is left: " + outcomes);
        assertEquals(1, outcomes.stream().filter(o -> o == null).count(), "one removal succeeded: " + outcomes);
        assertInstanceOf(LastAdminException.class, outcomes.stream().filter(o -> o != null).findFirst().orElseThrow());
    }

    /** The failure of a removal, or null when it succeeded. */
    private static Throwable outcome(CompletableFuture<Void> removal) throws Exception {
        try {
            removal.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        }
    }

    private void awaitLockWaits(int expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection connection = database.connect();
             // A statement of this schema running for a second or more is waiting for a lock: alone, every
             // statement a removal makes takes milliseconds. (InnoDB lists a transaction that waits for its
             // very first lock nowhere else.)
             PreparedStatement waiting = connection.prepareStatement("""
                     SELECT COUNT(*) FROM information_schema.PROCESSLIST
                     WHERE DB = ? AND COMMAND = 'Query' AND TIME >= 1 AND ID <> CONNECTION_ID()""")) {
            waiting.setString(1, database.schema());
            while (true) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) >= expected) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the two removals never both waited for the admins' rows");
                }
                Thread.sleep(50);
            }
        }
    }

    private int admins() {
        return ((Number) database.row("SELECT COUNT(*) AS n FROM users WHERE role = 'ADMIN'").get("n")).intValue();
    }
}
