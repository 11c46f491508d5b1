package io.loadstack.api.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and purges the audit log (written by service-support's AuditTrail). Plain JDBC: the filter is a
 * WHERE clause built from a fixed set of conditions, each value a bind parameter.
 */
@Singleton
public class AuditLog {

    private static final Argument<Map<String, Object>> DETAIL = Argument.mapOf(String.class, Object.class);

    private final DataSource pool;
    private final JsonMapper json;

    public AuditLog(DataSource dataSource, DataSourceResolver resolver, JsonMapper json) {
        this.pool = resolver.resolve(dataSource);
        this.json = json;
    }

    public AuditViews.Page find(AuditFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (filter.actor() != null) {
            where.append(" AND actor = ?");
            values.add(filter.actor());
        }
        if (!filter.actions().isEmpty()) {
            where.append(" AND action IN (").append("?,".repeat(filter.actions().size() - 1)).append("?)");
            filter.actions().forEach(action -> values.add(action.name()));
        }
        if (filter.from() != null) {
            where.append(" AND at >= ?");
            values.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND at < ?");
            values.add(Timestamp.from(filter.to()));
        }
        try (Connection connection = pool.getConnection()) {
            long total;
            try (PreparedStatement count = prepare(connection, "SELECT COUNT(*) FROM audit_log" + where, values);
                 ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            List<Object> paged = new ArrayList<>(values);
            paged.add(filter.size());
            paged.add((long) filter.page() * filter.size());
            List<AuditViews.Entry> items = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, "SELECT id, at, actor, address, action, detail"
                    + " FROM audit_log" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", paged);
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    items.add(new AuditViews.Entry(row.getLong("id"), row.getTimestamp("at").toInstant(),
                            row.getString("actor"), row.getString("address"), row.getString("action"),
                            detail(row.getString("detail"))));
                }
            }
            return new AuditViews.Page(items, filter.page(), filter.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log failed", e);
        }
    }

    /**
     * Deletes rows older than {@code before}, at most {@code batch} of them.
     *
     * @return how many were deleted; a full batch means there may be more
     */
    public int purgeBefore(Instant before, int batch) {
        try (Connection connection = pool.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM audit_log WHERE at < ? ORDER BY at LIMIT ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            delete.setInt(2, batch);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("purging the audit log failed", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    private Map<String, Object> detail(String text) {
        try {
            return json.readValue(text, DETAIL);
        } catch (IOException e) {
            // Only AuditTrail writes the column, always JSON; a row edited by hand is shown as its text.
            return Map.of("text", text);
        }
    }
}
