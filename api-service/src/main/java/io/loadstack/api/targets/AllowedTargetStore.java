package io.loadstack.api.targets;

import io.loadstack.api.storage.SqlTime;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The allowed-targets row in MySQL, plain JDBC on the connection of the caller's transaction. */
@Singleton
class AllowedTargetStore {

    /** The list as stored, with who changed it last. */
    record Stored(List<String> entries, Instant changedAt, String changedBy) {
    }

    /** @return whether this call wrote the row (false: it was there already, written by an earlier start or a replica) */
    boolean seed(Connection connection, List<String> entries, String by, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO allowed_targets (id, entries, changed_at,"
                + " changed_by) VALUES (1, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id")) {
            insert.setString(1, String.join("\n", entries));
            SqlTime.set(insert, 2, now);
            insert.setString(3, by);
            return insert.executeUpdate() == 1;
        }
    }

    /** @param lock whether to hold the row until the transaction ends */
    Optional<Stored> read(Connection connection, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT entries, changed_at, changed_by FROM allowed_targets"
                + " WHERE id = 1" + (lock ? " FOR UPDATE" : ""));
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            String entries = row.getString(1);
            return Optional.of(new Stored(entries.isEmpty() ? List.of() : Arrays.asList(entries.split("\n")),
                    SqlTime.get(row, 2), row.getString(3)));
        }
    }

    void replace(Connection connection, List<String> entries, String by, Instant now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO allowed_targets (id, entries, changed_at,"
                + " changed_by) VALUES (1, ?, ?, ?) ON DUPLICATE KEY UPDATE entries = VALUES(entries),"
                + " changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)")) {
            upsert.setString(1, String.join("\n", entries));
            SqlTime.set(upsert, 2, now);
            upsert.setString(3, by);
            upsert.executeUpdate();
        }
    }
}
