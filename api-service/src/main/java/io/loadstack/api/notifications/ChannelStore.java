package io.loadstack.api.notifications;

import io.loadstack.api.storage.SqlTime;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The channels in MySQL, plain JDBC on the connection of the caller's transaction. */
@Singleton
class ChannelStore {

    private static final int DUPLICATE_KEY = 1062;
    private static final String COLUMNS = "id, name, type, url, secret, events, tests, created_at, created_by, updated_at";

    private final JsonMapper json;

    ChannelStore(JsonMapper json) {
        this.json = json;
    }

    /** @throws ChannelNameTakenException when another channel has the name */
    long insert(Connection connection, Channel channel) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_channels (name, type, url, secret,"
                + " events, tests, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, channel.name());
            insert.setString(2, channel.type().wireName());
            insert.setString(3, channel.url().toString());
            insert.setString(4, channel.secret());
            insert.setString(5, write(names(channel.events())));
            insert.setString(6, channel.tests() == null ? null : write(channel.tests()));
            SqlTime.set(insert, 7, channel.createdAt());
            insert.setString(8, channel.createdBy());
            SqlTime.set(insert, 9, channel.updatedAt());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw nameTaken(e, channel.name());
        }
    }

    /** @throws ChannelNameTakenException when another channel has the new name */
    void update(Connection connection, Channel channel) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification_channels SET name = ?, url = ?,"
                + " secret = ?, events = ?, tests = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, channel.name());
            update.setString(2, channel.url().toString());
            update.setString(3, channel.secret());
            update.setString(4, write(names(channel.events())));
            update.setString(5, channel.tests() == null ? null : write(channel.tests()));
            SqlTime.set(update, 6, channel.updatedAt());
            update.setLong(7, channel.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw nameTaken(e, channel.name());
        }
    }

    /** @return whether there was such a channel (its deliveries go with it) */
    boolean delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM notification_channels WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    Optional<Channel> find(Connection connection, long id, boolean lock) throws SQLException {
        return load(connection, "WHERE id = ?" + (lock ? " FOR UPDATE" : ""), List.of(id)).stream().findFirst();
    }

    List<Channel> all(Connection connection) throws SQLException {
        return load(connection, "ORDER BY name", List.of());
    }

    List<Channel> withIds(Connection connection, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return load(connection, "WHERE id IN (" + ids.stream().map(id -> "?").collect(Collectors.joining(", ")) + ")",
                List.copyOf(ids));
    }

    private List<Channel> load(Connection connection, String rest, List<Long> parameters) throws SQLException {
        List<Channel> channels = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM notification_channels " + rest)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setLong(i + 1, parameters.get(i));
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String tests = row.getString("tests");
                    channels.add(new Channel(row.getLong("id"), row.getString("name"),
                            ChannelType.byWireName(row.getString("type")).orElseThrow(), URI.create(row.getString("url")),
                            row.getString("secret"), events(read(row.getString("events"))),
                            tests == null ? null : read(tests), SqlTime.get(row, "created_at"), row.getString("created_by"),
                            SqlTime.get(row, "updated_at")));
                }
            }
        }
        return channels;
    }

    private static List<String> names(Set<EventType> events) {
        return events.stream().sorted().map(EventType::wireName).toList();
    }

    /** Event names stored by an older version that no longer exist are dropped, not fatal. */
    private static Set<EventType> events(List<String> names) {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        names.forEach(name -> EventType.byWireName(name).ifPresent(events::add));
        return events;
    }

    private static SQLException nameTaken(SQLException e, String name) {
        if (e.getErrorCode() == DUPLICATE_KEY) {
            throw new ChannelNameTakenException("there is already a channel named '" + name + "'");
        }
        return e;
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
