package io.loadstack.api.storage;

import io.loadstack.api.ApiServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcTransactionsTest extends ApiServerTest {

    @Inject
    JdbcTransactions transactions;

    @Test
    void aTransactionOpenedInsideAnotherIsRefusedAndTheOuterRolledBack() {
        transactions.inTransaction("a table", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE nested_probe (id INT PRIMARY KEY)");
            }
            return null;
        });
        IllegalStateException refused = assertThrows(IllegalStateException.class, () ->
                transactions.inTransaction("the outer unit", c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO nested_probe VALUES (1)");
                    }
                    return transactions.inTransaction("the inner unit", inner -> 1);
                }));
        assertTrue(refused.getMessage().startsWith("the inner unit was opened inside the outer unit"), refused.getMessage());

        int rows = transactions.inTransaction("the count", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM nested_probe")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertEquals(0, rows, "the outer unit's insert was rolled back, and a unit after it runs as usual");
    }
}
