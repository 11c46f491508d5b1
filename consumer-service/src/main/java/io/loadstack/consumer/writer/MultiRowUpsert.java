package io.loadstack.consumer.writer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows for one table, written as {@code INSERT ... VALUES (...), (...), ... ON DUPLICATE KEY UPDATE} with up to
 * {@value #ROWS_PER_STATEMENT} rows per statement.
 *
 * <p>Why not a JDBC batch: MariaDB's update clause can only read the new row through {@code VALUES(column)},
 * and Connector/J does not rewrite a batch whose update clause uses that function into one multi-row
 * statement. It sends one statement per row, which made the tick of 1,000 running runs (13,000 rows) spend
 * most of its time in MySQL (BENCHMARKS.md, "JSON path").
 */
final class MultiRowUpsert {

    static final int ROWS_PER_STATEMENT = 200;

    private final String head;
    private final String tuple;
    private final String onDuplicate;
    private final int columns;
    private final List<Object[]> rows = new ArrayList<>();

    /** @param updated the columns an existing row takes from the new one ({@code column = VALUES(column)}) */
    MultiRowUpsert(String table, List<String> columns, List<String> updated) {
        if (!columns.containsAll(updated)) {
            throw new IllegalArgumentException("updated columns " + updated + " are not all among " + columns);
        }
        this.head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        this.tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        this.onDuplicate = " ON DUPLICATE KEY UPDATE "
                + String.join(", ", updated.stream().map(column -> column + " = VALUES(" + column + ")").toList());
        this.columns = columns.size();
    }

    /** One row, its values in the order of the columns (null for NULL). */
    void add(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException(values.length + " values for " + columns + " columns: " + head);
        }
        rows.add(values);
    }

    void execute(Connection connection) throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            int count = Math.min(ROWS_PER_STATEMENT, rows.size() - from);
            String sql = head + String.join(", ", Collections.nCopies(count, tuple)) + onDuplicate;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (int row = from; row < from + count; row++) {
                    for (Object value : rows.get(row)) {
                        statement.setObject(index++, value);
                    }
                }
                statement.executeUpdate();
            }
        }
        rows.clear();
    }
}
