package io.loadstack.provisioner.teardown;

import io.loadstack.provisioner.Database;
import io.loadstack.provisioner.DatabaseUnavailableException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Which launches are over: COMPLETED, STOPPED or FAILED in the api-service's launches table, or gone from it. */
@Singleton
public class LaunchLookup {

    private final Database database;

    public LaunchLookup(Database database) {
        this.database = database;
    }

    public Set<Long> endedOrUnknown(Collection<Long> launchIds) {
        if (launchIds.isEmpty()) {
            return Set.of();
        }
        Set<Long> live = new HashSet<>();
        String marks = launchIds.stream().map(id -> "?").collect(Collectors.joining(","));
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM launches WHERE id IN (" + marks
                     + ") AND status NOT IN ('COMPLETED', 'STOPPED', 'FAILED')")) {
            int i = 1;
            for (Long id : launchIds) {
                select.setLong(i++, id);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    live.add(row.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("reading the launches' status", e);
        }
        Set<Long> over = new HashSet<>(launchIds);
        over.removeAll(live);
        return over;
    }
}
